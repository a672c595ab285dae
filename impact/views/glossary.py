"""The glossary page's terms in plain English: the SEND words and the dashboard's own marks."""

import streamlit as st

# (term, plain-English meaning), grouped under a heading each. Kept short: one or two sentences a parent carer,
# a young person or a new board member can read without knowing the system.
TERMS = {
    "Support for children and young people": [
        ("SEND", "Special educational needs and disabilities."),
        (
            "EHC plan (education, health and care plan)",
            "A legal document for a child or young person up to age 25 who needs more help than their school or "
            "college can usually give. It says what their needs are and what support they must get.",
        ),
        (
            "SEN Support",
            "Extra help a school or college gives a child or young person with special educational needs, "
            "without an EHC plan.",
        ),
        (
            "Primary need",
            "The main kind of need a child or young person has, as their school records it. Some are below.",
        ),
        ("SEMH", "Social, emotional and mental health needs."),
        ("SLCN", "Speech, language and communication needs."),
        ("MLD", "Moderate learning difficulty. SLD is a severe learning difficulty; PMLD is profound and multiple."),
        ("SpLD", "Specific learning difficulty, such as dyslexia."),
        ("Autism (ASD)", "Autistic spectrum disorder: differences in communication, social interaction and senses."),
        (
            "Local Offer",
            "The council's website listing the services and support for children and young people with SEND and "
            "their families. People can leave feedback on it.",
        ),
        ("Parent carer", "A parent or carer of a child or young person with SEND."),
    ],
    "Taking part": [
        (
            "Co-production",
            "Children, young people and parent carers working as equal partners with services, from the start, "
            'to design and decide things together. The "golden standard".',
        ),
        (
            "Ladder of participation",
            'Ways of involving people, from lowest to highest: coercion, education and informing ("doing to"); '
            'consultation and engagement ("doing for"); co-design and co-production ("doing with").',
        ),
        (
            "You said, we did",
            "What people told us, and what we changed because of it. Feeding back means telling them what we did.",
        ),
        ("Participation audit", "A yearly check in which each service rates how well it involves people."),
    ],
    "The plan and the inspection": [
        (
            "RAG (red, amber, green)",
            "How an action's lead rates it each quarter: red is off track, amber is at risk, green is on track. "
            "Complete means it is done. Each rating also has its own pattern and its name on the chart.",
        ),
        ("Workstream", "One of the strategy's twelve areas of work, A1 to A6 and B1 to B6."),
        (
            "IDA (inspection development area)",
            "Something the inspectors (Ofsted and the Care Quality Commission) said the area must improve, "
            "numbered IDA 1 to 18. ADD 19 to 21 are areas the local area added itself.",
        ),
        ("Quarter", "Three months of the UK financial year: Q1 is April to June, Q4 is January to March."),
    ],
    "Reading the numbers": [
        (
            "Base (n)",
            "How many people answered the question. A percentage always shows its base, so you can tell 60% of 10 "
            "from 60% of 1,000.",
        ),
        (
            '"c"',
            "A count of 1 to 4 people, hidden so no child or family can be identified. A count that would let "
            'someone work out a hidden one is also shown as "c". A true zero is shown as 0.',
        ),
        ("Percentage not shown", "When fewer than 10 people answered, no percentage is shown: it would mislead."),
        (
            "Significant",
            "A change big enough that it is unlikely to be chance (at the 95% level). A change marked "
            '"not significant" may just be chance.',
        ),
        (
            "95% interval",
            "The range the true figure is likely to be in. The fewer people answered, the wider it is.",
        ),
        ("Reach per 100", "How many children or young people took part for every 100 who live in the area."),
    ],
}


def render() -> None:
    """Draw every term under its heading, as a list a screen reader reads term by term."""
    for heading, terms in TERMS.items():
        st.header(heading)
        st.markdown("\n".join(f"- **{term}**: {meaning}" for term, meaning in terms))
