"""Canonical answer values and the wordings that mean them; keys are matched lower-cased and trimmed."""

PREFER_NOT_TO_SAY = "Prefer not to say"

# Answers that are real responses but say nothing about the statement: kept, never in a base.
NON_ANSWERS = {
    "prefer not to say": PREFER_NOT_TO_SAY,
    "don't know": "Don't know",
    "dont know": "Don't know",
    "not sure": "Don't know",
    "not applicable": "Not applicable",
    "n/a": "Not applicable",
}

RESPONDENT_TYPES = {
    "young person": "Young person",
    "a young person": "Young person",
    "child or young person": "Young person",
    "parent carer": "Parent carer",
    "a parent carer": "Parent carer",
    "parent/carer": "Parent carer",
    "parent or carer": "Parent carer",
    "parent": "Parent carer",
    "carer": "Parent carer",
    "professional": "Professional",
    "a professional": "Professional",
    "practitioner": "Professional",
}

PRIMARY_NEEDS = {
    "autism": "Autism",
    "asd": "Autism",
    "autistic spectrum disorder": "Autism",
    "semh": "SEMH",
    "social, emotional and mental health": "SEMH",
    "slcn": "SLCN",
    "speech, language and communication needs": "SLCN",
    "mld": "MLD",
    "moderate learning difficulty": "MLD",
    "sld": "SLD",
    "severe learning difficulty": "SLD",
    "pmld": "PMLD",
    "profound and multiple learning difficulty": "PMLD",
    "spld": "SpLD",
    "specific learning difficulty": "SpLD",
    "physical": "Physical",
    "physical disability": "Physical",
    "hearing": "Hearing",
    "hearing impairment": "Hearing",
    "visual": "Visual",
    "visual impairment": "Visual",
    "multi-sensory": "Multi-sensory",
    "multi-sensory impairment": "Multi-sensory",
    "other": "Other",
    "other difficulty/disability": "Other",
}

SUPPORT_LEVELS = {
    "ehc plan": "EHC plan",
    "ehcp": "EHC plan",
    "education, health and care plan": "EHC plan",
    "sen support": "SEN Support",
    "none": "None or unknown",
    "no support": "None or unknown",
    "not sure": "None or unknown",
    "don't know": "None or unknown",
    "none or unknown": "None or unknown",
}

SETTING_TYPES = {
    "mainstream school": "Mainstream school",
    "mainstream": "Mainstream school",
    "special school": "Special school",
    "special": "Special school",
    "college": "College",
    "further education college": "College",
    "not in education": "Not in education",
    "neet": "Not in education",
}

LOCALITIES = {"north": "North", "central": "Central", "south": "South", "out of area": "Out of area"}

# Scales: wording -> score; positive when the score reaches the threshold.
SCALES = {
    "agree5": {
        "levels": {
            "strongly disagree": 1,
            "disagree": 2,
            "neither agree nor disagree": 3,
            "neither": 3,
            "agree": 4,
            "strongly agree": 5,
        },
        "positive_from": 4,
    },
    "useful5": {
        "levels": {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5},
        "positive_from": 4,
    },
    "yesno": {"levels": {"no": 0, "yes": 1}, "positive_from": 1},
}

SCALE_LABELS = {
    "agree5": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    "useful5": ["1", "2", "3", "4", "5"],
    "yesno": ["No", "Yes"],
}

WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-one": 21,
    "twenty-two": 22,
    "twenty-three": 23,
    "twenty-four": 24,
    "twenty-five": 25,
}
