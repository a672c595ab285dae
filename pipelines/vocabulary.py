"""Canonical answer values and the wordings that mean them; keys are matched lower-cased and trimmed."""

PREFER_NOT_TO_SAY = "Prefer not to say"

# Answers that are real responses but say nothing about the statement: kept, never in a base.
NON_ANSWERS = {
    "prefer not to say": PREFER_NOT_TO_SAY,
    "i prefer not to say": PREFER_NOT_TO_SAY,
    "i would prefer not to say": PREFER_NOT_TO_SAY,
    "i'd prefer not to say": PREFER_NOT_TO_SAY,
    "rather not say": PREFER_NOT_TO_SAY,
    "i'd rather not say": PREFER_NOT_TO_SAY,
    "prefer not to answer": PREFER_NOT_TO_SAY,
    "don't know": "Don't know",
    "dont know": "Don't know",
    "not sure": "Don't know",
    "do not know": "Don't know",
    "i don't know": "Don't know",
    "unsure": "Don't know",
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
            "neither agree or disagree": 3,
            "neutral": 3,
            "tend to disagree": 2,
            "tend to agree": 4,
            "agree strongly": 5,
            "disagree strongly": 1,
            "agree": 4,
            "strongly agree": 5,
        },
        "positive_from": 4,
    },
    "useful5": {
        "levels": {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5},
        "positive_from": 4,
    },
    "yesno": {"levels": {"no": 0, "yes": 1, "y": 1, "n": 0}, "positive_from": 1},
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

# A whole answer that marks a response as the officer's own test, not a real one.
TEST_ANSWERS = {
    "test", "testing", "test response", "test submission", "this is a test", "just testing", "ignore",
    "ignore this", "ignore me", "please ignore", "dummy", "dummy response", "asdf", "xxx",
}  # fmt: skip

# Common UK first names, matched capitalised in free text. Names that are also everyday words
# (Will, May, Hope, Grace, Faith, Joy, Mark, Bill, Rose, Summer) are left out: they would remove real words.
COMMON_FIRST_NAMES = {
    "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Mohammed", "Oscar", "Charlie",
    "Jacob", "Thomas", "Henry", "William", "Alfie", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander",
    "Joseph", "Edward", "Samuel", "Max", "Logan", "Lucas", "Daniel", "James", "Theo", "Harrison", "Benjamin",
    "Mason", "Sebastian", "Finley", "Adam", "Dylan", "Zachary", "Riley", "Teddy", "Theodore", "David", "Elijah",
    "Jake", "Toby", "Louie", "Reuben", "Arlo", "Hugo", "Luca", "Jaxon", "Matthew", "Harvey", "Reggie", "Michael",
    "Tommy", "Jenson", "Liam", "Ryan", "Callum", "Connor", "Kyle", "Jordan", "Lewis", "Nathan", "Aaron", "Luke",
    "Ben", "Sam", "Tom", "Joe", "Dan", "Danny", "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella",
    "Sophia", "Ella", "Poppy", "Evie", "Florence", "Willow", "Emily", "Sienna", "Isabelle", "Freya", "Phoebe",
    "Charlotte", "Daisy", "Alice", "Sophie", "Millie", "Ruby", "Evelyn", "Harper", "Elsie", "Matilda", "Ellie",
    "Esme", "Maya", "Jessica", "Chloe", "Lucy", "Emma", "Hannah", "Megan", "Lauren", "Holly", "Amy", "Rebecca",
    "Sarah", "Laura", "Rachel", "Katie", "Jade", "Zoe", "Abigail", "Eleanor", "Layla", "Aisha", "Fatima",
    "Maryam", "Zara", "Amira", "Priya", "Natalie", "Nicola", "Claire", "Karen", "Helen",
    "Susan", "Julie", "Lisa", "Michelle", "Joanne", "Kelly", "Tracey", "Donna", "Dawn", "Paul", "John", "Andrew",
    "Stephen", "Steven", "Richard", "Peter", "Simon", "Gary", "Darren", "Craig", "Jason", "Lee", "Wayne",
    "Stuart", "Neil", "Gareth", "Rhys", "Owen", "Kieran", "Sean", "Declan", "Aidan", "Ciaran",
}  # fmt: skip
