"""Write seeded, realistic survey exports and plan files to data/samples/; the same bytes on every run.

Run from the repository root: python scripts/generate_samples.py
"""

import csv
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import yaml


def table(text: str) -> list[list[str]]:
    """Return the rows of a '|'-separated table written in this script, one row a line."""
    return [line.split("|") for line in text.strip().splitlines()]


def blocks(text: str) -> list[list[str]]:
    """Return rows written as a '|'-separated line followed by indented lines of free text, one per field."""
    rows = []
    for line in text.strip().splitlines():
        if line.startswith("  "):
            rows[-1].append(line.strip())
        else:
            rows.append(line.split("|"))
    return rows


# fmt: off
OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "samples"
SEED = 2026
PNTS = "Prefer not to say"
STAMP, DAY = "%d/%m/%Y %H:%M", "%d/%m/%Y"
N_QUARTERS = 12  # quarter index 0 is 2023-24 Q3, index 11 is 2026-27 Q2
RELAUNCH_QUARTER = 7  # 2025-26 Q2: the recommissioned Local Offer website goes live (ADD 21)
A4_AMBER, A4_RED = 6, 7  # CAMHS waits slip: amber in 2025-26 Q1, red from 2025-26 Q2
AGREE5 = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four "
         "twenty-five").split()
HOURS = np.array([0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 5, 6, 5, 5, 6, 8, 9, 10, 11, 10, 8, 5, 2], float)
EMAIL_USERS = ["send.parent", "familyfeedback", "contact.me", "forum.member", "mum.of.three"]

# Other wordings respondents pick or type; every one is a synonym pipelines/vocabulary.py accepts.
VARIANTS = {row[0]: row[1:] for row in table("""
EHC plan|EHCP|ehc plan|Education, Health and Care Plan
SEN Support|sen support|SEN support
Parent carer|Parent/carer|parent carer|Parent or carer
Young person|young person|A young person
Professional|professional|Practitioner
Autism|ASD|autism|Autistic spectrum disorder
SEMH|Social, emotional and mental health|semh
SLCN|Speech, language and communication needs
MLD|Moderate learning difficulty
Mainstream school|Mainstream|mainstream school
Special school|special school|Special
""")}
NEEDS = {"Autism": 35, "SEMH": 16, "SLCN": 13, "MLD": 9, "SLD": 5, "SpLD": 5, "Physical": 4, "PMLD": 2,
         "Hearing": 2, "Visual": 1.5, "Multi-sensory": 0.5, "Other": 3}
LOCALITIES = {"North": 34, "Central": 30, "South": 33, "Out of area": 3}
BB_SUPPORT = {"EHC plan": 50, "SEN Support": 30, "None": 8, "Don't know": 7}
INV_SUPPORT = {"EHC plan": 55, "SEN Support": 28, "None": 7, "Don't know": 5}

# Big Bang waves: respondents, share aged 12-16 (schools outreach B4-01 from June 2024), listened-to positive.
BIG_BANG = {2023: (112, 0.30, 0.48), 2024: (149, 0.42, 0.55), 2025: (191, 0.52, 0.63)}
BB_COLLECTORS = {"412503318": 70, "412503347": 30}
SCHOOLS_COLLECTOR = "418220915"  # the QR code used on schools outreach visits
# Statement: positive share relative to "I feel listened to".
BB_QUESTIONS = {"I feel listened to": 0, "My views make a difference": -0.08,
                "I have seen changes because of my feedback": -0.2, "I know how to get involved": -0.04,
                "I get clear, timely information in a way I can use": -0.1,
                "My EHC plan was written with me": -0.05}
INV_QUESTIONS = {"I feel listened to": 0, "My views make a difference": -0.1,
                 "I have seen changes because of my feedback": -0.32,
                 "I am an equal partner and am listened to and valued": -0.12,
                 "I know how to get involved": -0.05,
                 "I get clear, timely information in a way I can use": -0.15,
                 "My EHC plan was written with me": -0.08}
INVOLVEMENT = {2024: (462, 114200000000), 2025: (558, 118900000000), 2026: (647, 123600000000)}  # n, first ID
INV_TYPES = {"Parent carer": 70, "Young person": 18, "Professional": 12}
INV_LISTENED = {"Parent carer": {2024: 0.60, 2025: 0.64, 2026: 0.70},
                "Young person": {2024: 0.48, 2025: 0.52, 2026: 0.58},
                "Professional": {2024: 0.66, 2025: 0.68, 2026: 0.72}}
# The child's age for parent carers, their own for young people; professionals skip the question.
INV_AGES = {
    "Parent carer": {"blank": 4, "refused": 1.5, "0-4": 8, "5-11": 40, "12-16": 33, "17-19": 12, "20-25": 7},
    "Young person": {"blank": 4, "refused": 1.5, "14-16": 35, "17-19": 45, "20-25": 20},
}
# Settings by oldest age: school age, 17-19 and 20-25.
SETTINGS = {16: {"Mainstream school": 68, "Special school": 30, "Not in education": 2},
            19: {"College": 55, "Special school": 20, "Mainstream school": 10, "Not in education": 15},
            25: {"College": 45, "Not in education": 50, "Special school": 5}}
LO_SECTIONS = {"EHC plans": 18, "Education": 17, "Health": 12, "Social care": 10, "Short breaks": 12,
               "Preparing for adulthood": 10, "Money and benefits": 11, "Leisure": 10}
LO_WHO = {"Parent carer": 62, "Professional": 25, "Young person": 13}

YP_COMMENTS = """
The forum is the best bit, people actually listen to us.
I waited over a year for CAMHS and nobody told me what was happening.
My EHC plan review happened without anyone asking what I wanted.
More things to do in the holidays please, there is nothing for people like me.
Teachers don't always read my plan so they don't know what helps me.
I didn't know the Local Offer existed until my college told me.
Make the surveys shorter and easier to read.
I want help getting a job or an apprenticeship after college.
I liked being a young inspector, I want to do more visits.
Please come into schools more, not everyone can get to the forum after school.
Nobody explained what happens when I turn 18.
I feel like they ask our opinion but then nothing changes.
Quiet spaces in school would really help with my anxiety.
Not sure what happened to what we said last year
""".strip().splitlines()
ADULT_COMMENTS = """
Being kept informed about where we are in the EHC needs assessment process.
Shorter waits for CAMHS - we have waited 18 months with no support in between.
Annual reviews that happen on time and plans that are updated afterwards.
Finding information on the Local Offer is hard, the search never finds what I need.
Being treated as an equal partner in meetings rather than told what has been decided.
More short breaks for children with complex needs.
Evening or online sessions so working parents can take part.
Telling us what changed because of the last survey.
SENCOs having time to support children on SEN Support.
Consistent caseworkers - we have had four in two years.
Support for families while waiting for an autism assessment.
Clear information about preparing for adulthood from Year 9, not Year 11.
Training for all school staff on neurodiversity and sensory needs.
Answering emails and phone calls. Communication is the biggest issue
A plan that reflects what my child wants for the future, not just what is available.
The parent carer forum has been a lifeline, more of this please.
As a professional: a clearer route to pass on what families tell us to commissioners.
My child’s plan was written without anyone meeting them.
""".strip().splitlines()
LO_COMMENTS = """
Could not find the short breaks eligibility criteria.
Useful list of activities over the summer holidays.
The page links to a form that no longer exists.
Would be good to have this information in easy read.
Found the contact details I needed, thank you.
Information about EHC needs assessments looks out of date.
Really hard to navigate on a phone
Please add more about support after 16.
""".strip().splitlines()
LO_COMMENTS_NEW_SITE = ["The new search is much better.", "Much easier to use on my phone now."]

PLANS = {"PAP": "Participation action plan", "IDA": "Post-inspection action plan",
         "ADD": "Post-inspection action plan"}
GROUPS = {"BRD": "SEND Board", "JCP": "Joint Commissioning and Performance Group",
          "PCG": "Participation and Co-production Group", "PFA": "Preparing for Adulthood Group",
          "EWM": "Emotional Wellbeing and Mental Health Group", "INC": "SEND and Inclusion Group",
          "AND": "Autism and Neurodiversity Steering Group", "IAG": "IAG and Communications Group",
          "WPG": "Workforce and Practice Group"}
LEADS = {"ND": "Neurodevelopmental Pathway Lead", "CAMHS": "CAMHS Service Manager", "AUT": "Autism Lead",
         "EY": "Head of Early Years", "DCO": "Designated Clinical Officer", "PO": "Participation Officer",
         "COM": "Commissioning Manager (SEND)", "SEN": "SEN Service Manager", "PFA": "Transitions Manager",
         "IAS": "SENDIASS Manager", "INC": "Head of Inclusion", "P16": "Post-16 Participation Manager",
         "HCC": "Head of Community Health Commissioning", "LO": "Local Offer Manager",
         "ATT": "Attendance Service Manager", "MHS": "Mental Health in Schools Lead",
         "DAT": "SEND Performance and Data Manager", "YPW": "Youth Participation Worker",
         "WFD": "Workforce Development Manager", "PCF": "Parent Carer Engagement Lead"}
# code|workstream|group|lead|start month|due month (due on its last day)|story|title. The story drives the
# quarterly updates: done = completes around its due date; open = on track; late = passes its due date
# unfinished; a4 = CAMHS waits slipping; hold = paused for two quarters.
ACTION_FIELDS = ["code", "ws", "group", "lead", "start", "due", "story", "title"]
ACTIONS = table("""
IDA-01|A6|AND|ND|2023-09|2026-03|late|Reduce waits on the neurodevelopmental assessment pathway
IDA-02|A4|EWM|CAMHS|2023-09|2026-03|a4|Reduce CAMHS and CAMHS-LD waiting times
IDA-03|A6|AND|AUT|2024-01|2025-12|done|Extend post-diagnostic support for autistic children and families
IDA-04|B1|WPG|EY|2024-04|2026-03|done|Introduce an integrated review of development at age two
IDA-05|B2|JCP|DCO|2023-10|2025-03|done|Increase uptake of annual health checks for young people aged 14-25
IDA-09|B2|JCP|COM|2024-04|2026-09|hold|Recommission specialist short breaks provision
IDA-10|B3|IAG|PO|2023-11|2024-12|done|Tell families about changes to services in "you said, we did" updates
IDA-11|B1|WPG|SEN|2024-01|2025-09|done|Make aspirations drive the outcomes in EHC plans
IDA-12|A5|PFA|PFA|2024-01|2026-12|open|Agree a protocol for transition to adult health and care services
IDA-13|A4|EWM|CAMHS|2024-04|2025-09|a4|Reduce re-referrals to CAMHS with step-down support
IDA-14|B5|IAG|IAS|2023-10|2025-03|done|Improve young people's access to information, advice and guidance
IDA-15|A2|INC|INC|2023-09|2027-03|open|Improve educational outcomes for pupils on SEN Support
IDA-16|A5|PFA|P16|2024-09|2027-03|open|Expand supported internships and employment opportunities
ADD-19|B2|JCP|HCC|2023-10|2025-06|late|Reduce delays in the wheelchair service
ADD-20|B2|JCP|DCO|2024-04|2025-03|done|Extend the Designated Clinical Officer role to ages 19-25
ADD-21|B5|IAG|LO|2023-10|2025-06|done|Recommission the Local Offer website to increase accessibility
A1-01|A1|INC|INC|2023-09|2024-08|done|Publish Ordinarily Available Provision guidance for schools
A1-02|A1|BRD|INC|2024-01|2027-08|open|Open inclusion resource bases in mainstream secondary schools
A1-03|A1|INC|INC|2025-01|2026-12|open|Train school SENCOs in inclusive classroom practice
A2-01|A2|INC|SEN|2024-09|2027-03|open|Introduce a SEN Support quality mark for schools
A3-01|A3|INC|INC|2024-04|2026-03|done|Reduce exclusions of pupils with SEND through early help panels
A3-02|A3|INC|ATT|2024-01|2025-12|late|Reduce persistent absence of pupils with SEND
A4-01|A4|EWM|MHS|2023-09|2026-09|a4|Expand Mental Health Support Teams to all secondary schools
A4-02|A4|EWM|CAMHS|2024-06|2026-12|a4|Offer support to families while they wait for CAMHS
A5-01|A5|PFA|PFA|2023-09|2025-07|done|Build Preparing for Adulthood outcomes into reviews from Year 9
A6-01|A6|AND|AUT|2025-01|2026-12|open|Offer neurodiversity training to every school
B1-01|B1|JCP|DAT|2024-04|2025-09|done|Build a SEND performance dashboard for the SEND Board
B1-02|B1|WPG|SEN|2025-04|2027-03|open|Quality assure a sample of new EHC plans each month
B2-01|B2|JCP|COM|2023-10|2024-12|done|Agree a 0-25 joint commissioning plan for SEND
B3-01|B3|PCG|PO|2025-01|2026-12|open|Co-produce the SEND strategy refresh with the parent carer forum
B4-01|B4|PCG|PO|2024-06|2026-07|done|Schools outreach to reach young people aged 12-16
B4-02|B4|PCG|YPW|2024-09|2026-03|done|Train young inspectors to review services
B5-01|B5|IAG|IAS|2024-04|2025-06|done|Publish co-produced guides to EHC needs assessment
B6-01|B6|WPG|WFD|2023-10|2027-03|open|Deliver a SEND workforce development programme
B6-02|B6|WPG|SEN|2025-04|2026-03|done|Train caseworkers in writing outcomes with families
PAP-01|B4|PCG|YPW|2023-09|2026-12|open|Run the annual Big Bang survey with the young people's forum
PAP-02|B3|PCG|PO|2023-09|2026-12|open|Run the annual SEND involvement survey with parent carers
PAP-03|B3|PCG|PO|2024-01|2026-12|open|Publish "you said, we did" updates every quarter
PAP-04|B3|PCG|PCF|2024-09|2026-03|done|Reach parent carers who cannot join groups or forums
PAP-05|B6|WPG|PO|2024-04|2025-12|done|Train practitioners in participation and co-production
PAP-06|B1|PCG|PO|2024-04|2025-03|done|Audit participation in every SEND service each year
PAP-07|B5|IAG|LO|2025-04|2026-06|hold|Produce easy read versions of key SEND information
""")
NOTES = table("""
Not started|Not started; scoping meeting booked for next quarter.
Not started|Waiting for the project lead to start.
Green|On track; milestones for this quarter met.
Green|Draft co-produced with parent carers and young people.
Green|Pilot under way in two localities.
Green|Progress reported to the accountable group; no issues.
Amber|Some slippage because of staff vacancies; recovery plan in place.
Amber|Waiting for partners to sign off the next stage.
Amber|Delayed by procurement; new date agreed.
Red|Off track: past the due date; escalated to the SEND Board.
Red|Funding not confirmed; revised plan going to the accountable group.
A4|Waiting times rising as referrals grow; escalated to the SEND Board.
A4|Recruitment to vacant clinical posts unsuccessful; waiting list growing.
A4|Recovery trajectory agreed with the ICB but not yet met.
On hold|On hold until the commissioning review reports.
Complete|Complete; now part of business as usual.
Complete|Completed and impact reported to the SEND Board.
""")
# title|type|ladder level|workstream|who took part (keys of ATTENDING)|months (0 = October 2025)
ACTIVITIES = table("""
Young people's forum|Forum|Co-production|B4|yp12 yp17 yp20|0 1 2 3 4 5 6 7 8 9 10 11
Parent carer coffee morning|Event|Engagement|B3|pc|0 1 2
Parent carer co-production group|Forum|Co-production|B3|pc pro|3 4 5 6 7 8 9 10 11
Young inspectors visit|Young inspectors|Co-design|B4|yp12 yp17|4 6 8 9 10 11
Consultation: inclusion resource bases|Consultation|Consultation|A1|pc yp12|0
Primary pupils' voice session|Consultation|Consultation|A1|yp5|1
Consultation: short breaks recommissioning|Consultation|Consultation|B2|pc yp12 yp17|1
Consultation: preparing for adulthood pathway|Consultation|Consultation|A5|pc yp17 yp20|2
Consultation: SEND strategy refresh|Consultation|Consultation|B3|pc yp12 yp17 pro|3
Consultation: waiting well offer for CAMHS|Consultation|Consultation|A4|pc yp12|4
Consultation: school attendance support|Consultation|Consultation|A3|pc|5
Consultation: EHC plan template|Consultation|Engagement|B1|pc yp17 pro|7
Consultation: easy read Local Offer pages|Consultation|Consultation|B5|pc yp12|9
Training: participation and co-production|Training|Informing|B6|pro|0 2 4 7
Training: understanding EHC plans for parent carers|Training|Education|B6|pc|1 3 6
Training: neurodiversity in the classroom|Training|Education|A6|pro|2 5
Training: preparing for adulthood for school staff|Training|Informing|A5|pro|10
SEND information fair|Event|Informing|B5|pc pro yp17|1 7
Big Bang survey launch|Event|Engagement|B4|yp12 yp17 yp20|1
Local Offer co-design workshop|Event|Co-design|B5|pc yp12 yp17|6 7 8
Preparing for adulthood co-design workshop|Event|Co-design|A5|yp17 yp20 pc|9 10
Young people take over the SEND Board|Event|Co-production|B4|yp12 yp17|5 11
""")
ATTENDING = {"yp5": ("Young person", "5-11", 4, 10), "yp12": ("Young person", "12-16", 3, 8),
             "yp17": ("Young person", "17-19", 4, 9), "yp20": ("Young person", "20-25", 1, 5),
             "pc": ("Parent carer", "All ages", 6, 22), "pro": ("Professional", "All ages", 8, 26)}
# Population baseline: totals per year (EHC plan, SEN Support) split by age band and locality shares.
BASELINE_TOTALS = {2024: (2510, 5280), 2025: (2710, 5450), 2026: (2930, 5610)}
EHC_BANDS = {"0-4": 0.05, "5-11": 0.38, "12-16": 0.33, "17-19": 0.15, "20-25": 0.09}
SEN_BANDS = {"0-4": 0.03, "5-11": 0.52, "12-16": 0.40, "17-19": 0.04, "20-25": 0.01}
BASELINE_LOCALITIES = {"North": 0.36, "Central": 0.30, "South": 0.34}

# Accessibility and "what changed" per activity (issue 5): a title, then what changed at each occurrence in
# turn ("-" for nothing recorded); titles not listed recorded nothing.
WHAT_CHANGED = {row[0]: row[1:] for row in blocks("""
Young people's forum
  Forum rewrote the Big Bang survey questions in plain English
  -
  Forum's top three priorities taken to the SEND Board
  Forum chose the questions for young inspector visits
  -
  Forum members now sit on the CAMHS recruitment panel
  Forum reviewed the draft 'Turning 18' guide; two sections rewritten
  -
  Forum co-wrote the 'you said, we did' update for young people
  Forum agreed the Big Bang 2026 questions
  -
  Forum planned the next SEND Board takeover
Parent carer co-production group
  Co-wrote the EHC plan review invitation letter
  Agreed the short breaks service specification with commissioners
  -
  Co-produced the quarterly 'you said, we did' update
  Changed the annual review guidance: families see reports two weeks before
  -
  Co-designed the waiting-well offer for families waiting for CAMHS
  Agreed the questions for the 2027 involvement survey
  -
Young inspectors visit
  College opened a quiet room after the inspectors' report
  CAMHS changed its waiting room and text reminders
  -
  Youth club added an accessible toilet and changing places sign
  Leisure centre now offers autism-friendly sessions
  -
Consultation: inclusion resource bases
  Admission criteria changed to include pupils on SEN Support
Consultation: short breaks recommissioning
  Summer holiday places added for children with complex needs
Consultation: preparing for adulthood pathway
  Pathway now starts at the Year 9 review instead of Year 11
Consultation: SEND strategy refresh
  Strategy priorities reordered: communication with families first
Consultation: EHC plan template
  Template gains a 'what I want for my future' page written with the child
Local Offer co-design workshop
  Search and menus redesigned with families
  Easy read pages added for the five most-used sections
  Home page tested with parent carers and young people before launch
Preparing for adulthood co-design workshop
  Co-designed the 'Turning 18' guide
  -
Young people take over the SEND Board
  Board agreed a young people's item at every meeting
  Board changed its papers to include an easy read summary
""")}
# Annual participation audit (seed 001's audit tool): service|2024-25 maturity|yearly gain|returned 2025-26.
AUDIT_YEARS = {"2024-25": dt.date(2025, 1, 13), "2025-26": dt.date(2026, 1, 12)}
AUDIT_SERVICES = table("""
SEND Casework Team|0.12|0.05|yes
Educational Psychology Service|0.55|0.2|yes
CAMHS|0.25|0|no
Short Breaks Service|0.7|0.2|yes
Early Years SEND Team|0.4|0.3|yes
Inclusion Service|0.3|0.4|yes
Children's Therapy Service|0.3|0|no
SENDIASS|0.65|0.2|yes
""")
AUDIT_NOT_APPLICABLE = {"Short Breaks Service": ["P09", "P10"], "SENDIASS": ["P17"], "Inclusion Service": ["P10"]}
# service|priority the service added|2024-25 rating|2025-26 rating
AUDIT_OWN = table("""
Short Breaks Service|We start every new project together with parent carers|Embedded|Embedded
Inclusion Service|Parent carers sit on the resource base admissions panel|Not started|In progress
""")
# Required action and next step a service writes for a priority not yet embedded (codes as in
# pipelines/mappings/audit_priorities.yaml, which holds the wordings).
MAPPINGS = Path(__file__).resolve().parent.parent / "pipelines" / "mappings"
AUDIT_ACTIONS = table("""
P01|Not all staff have had co-production training|Book the participation training for the whole team
P02|Engagement depends on one or two people|Name a participation lead in every team
P03|Reception staff unsure how to help families|Run a welcome session for front-door staff
P04|Most contact is by letter|Offer text, phone and video options
P05|No translated or easy read information|Ask the Local Offer team for easy read versions
P06|Families only hear from us at reviews|Start a termly drop-in
P07|Families tell us meetings feel intimidating|Send a 'what to expect' note before each meeting
P08|Appointments only offered in school hours|Pilot two evening slots a week
P09|Meeting room is a shared office|Book a family room for reviews
P10|Not enough chairs in the meeting room|Order seating for the family room
P11|No regular way to collect feedback|Add a feedback QR code to every letter
P12|Feedback is collected but not reported back|Publish 'you said, we did' each quarter
P13|We only call when there is a problem|Agree a 'good news' call each term
P14|The complaints route is not explained|Add the concerns route to the welcome pack
P15|SENDIASS and Contact not routinely mentioned|Add support contacts to every letter
P16|Plans are drafted before families are involved|Meet families before drafting
P17|Families are not told the funding agreed|Share the resource summary at each review
P18|No home strategies shared|Co-produce home strategy sheets
P19|We do not ask what families gained|Add a question to the end-of-involvement survey
P20|Contributions are not acknowledged|Send thank-you letters and vouchers
OWN|Not yet started|Agree how to measure it with parent carers
""")
# "You said, we did": ref|source|raised by|raised|responded|fed back|action|indicator, then what was said
# and (unless still waiting for a "we did") what was done.
FEEDBACK = blocks("""
YSWD-001|Big Bang survey|Young person|2023-12-12|2024-03-20|Yes|PAP-01|seen_change
  You ask our opinion but then nothing changes
  The forum now reviews every survey result with the SEND Board and publishes what changed each term
YSWD-002|Big Bang survey|Young person|2023-12-12|2024-06-14|Yes|B4-01|know_how_to_get_involved
  Come into schools: not everyone can get to the forum after school
  Youth participation workers visit every secondary school each term with the survey QR code
YSWD-003|Big Bang survey|Young person|2023-12-12|2024-05-02|Yes|IDA-12|information_accessible
  Nobody explained what happens when I turn 18
  A 'Turning 18' guide written with the forum is shared at every Year 11 review
YSWD-004|SEND involvement survey|Parent carer|2024-03-28|2024-07-10|Yes|PAP-03|seen_change
  Tell us what changed because of the last survey
  Quarterly 'you said, we did' updates now go to every family on the mailing list
YSWD-005|SEND involvement survey|Parent carer|2024-03-28|2024-09-30|Yes|IDA-10|information_accessible
  Keep us informed about where we are in the EHC needs assessment
  Families get a text message at each stage of the 20-week assessment
YSWD-006|SEND involvement survey|Parent carer|2024-03-28|2024-06-18|No|PAP-04|equal_partner
  Evening or online sessions so working parents can take part
  The parent carer co-production group now also meets online on Tuesday evenings
YSWD-007|Local Offer feedback||2024-01-15|2025-07-15|Yes|ADD-21|local_offer_found
  The search never finds what I need
  The new Local Offer website launched with a search tested by parent carers
YSWD-008|Local Offer feedback||2024-07-22|2025-07-15|Yes|ADD-21|local_offer_useful
  Really hard to navigate on a phone
  The new website works on phones and was tested with families before launch
YSWD-009|Local Offer feedback||2024-10-09|2024-11-20|Yes|ADD-21|local_offer_useful
  Information about EHC needs assessments looks out of date
  EHC needs assessment pages rewritten with SENDIASS and checked every quarter
YSWD-010|Local Offer feedback||2024-10-09|2025-02-10|No|PAP-07|information_accessible
  Would be good to have this information in easy read
  Easy read versions of the five most-used pages published
YSWD-011|Big Bang survey|Young person|2024-12-10|2025-03-12|Yes|A1-03|views_make_difference
  Teachers don't always read my plan
  A one-page profile now opens every EHC plan and SENCO training covers it
YSWD-012|Big Bang survey|Young person|2024-12-10|2025-05-20|Yes|A4-02|listened_to
  I waited over a year for CAMHS and nobody told me what was happening
  CAMHS writes to every young person waiting every eight weeks with a named contact
YSWD-013|Big Bang survey|Young person|2024-12-10|2025-04-02|Yes|B4-02|know_how_to_get_involved
  I liked being a young inspector and want to do more visits
  The young inspectors programme doubled to twelve visits a year
YSWD-014|SEND involvement survey|Parent carer|2025-03-31|2025-06-25|Yes|IDA-01|listened_to
  Support for families while waiting for an autism assessment
  Waiting-well workshops for families started in every locality
YSWD-015|SEND involvement survey|Parent carer|2025-03-31|2025-09-15|Yes|B6-02|equal_partner
  Consistent caseworkers: we have had four in two years
  Caseworkers now keep the same families from assessment to first review
YSWD-016|SEND involvement survey|Professional|2025-03-31|2025-08-01|No|B1-01|views_make_difference
  A clearer route to pass on what families tell us to commissioners
  A monthly themes report from SENDIASS and the forum goes to the commissioning group
YSWD-017|Local Offer feedback||2025-04-14|2025-07-15|Yes|ADD-21|local_offer_found
  The page links to a form that no longer exists
  Links are checked monthly and every form moved to the new website
YSWD-018|Forum|Young person|2025-06-10|2025-09-01|Yes|IDA-16|
  Help getting a job or an apprenticeship after college
  Supported internships expanded to thirty places
YSWD-019|Big Bang survey|Young person|2025-12-09|2026-02-20|Yes|A1-02|listened_to
  Quiet spaces in school would really help with my anxiety
  Quiet rooms funded in three secondary resource bases
YSWD-020|Big Bang survey|Young person|2025-12-09|2026-05-11|No|PAP-01|views_make_difference
  Make the surveys shorter and easier to read
  The 2026 Big Bang survey was cut to twelve questions and checked for easy read by the forum
YSWD-021|Big Bang survey|Young person|2025-12-09|||A5-01|views_make_difference
  More things to do in the holidays please
YSWD-022|SEND involvement survey|Parent carer|2026-03-30|2026-07-02|Yes|IDA-11|ehc_plan_with_me
  A plan that reflects what my child wants for the future
  Caseworkers now meet every child or young person before drafting the plan
YSWD-023|SEND involvement survey|Parent carer|2026-03-30|||IDA-09|equal_partner
  More short breaks for children with complex needs
YSWD-024|SEND involvement survey|Parent carer|2026-03-30|||IDA-02|listened_to
  Shorter waits for CAMHS: we have waited 18 months with no support in between
YSWD-025|Local Offer feedback||2025-10-03|2025-12-01|Yes|ADD-21|local_offer_found
  Could not find the short breaks eligibility criteria
  Eligibility criteria now on the short breaks page with an easy read version
YSWD-026|Local Offer feedback||2026-08-20|||B5-01|local_offer_useful
  Please add more about support after 16
""")
# fmt: on


def rng_for(name: str) -> np.random.Generator:
    """Return a generator seeded by SEED and the file name, so each file is stable on its own."""
    return np.random.default_rng([SEED, *name.encode()])


def write_csv(name: str, header: list[str], rows: list[list]) -> int:
    """Write one file as UTF-8 CSV with CRLF line ends, as survey tools do; return the row count."""
    with open(OUT_DIR / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def write_columns(name: str, columns: dict[str, list]) -> int:
    """Write a file given as {header: values}; return the row count."""
    return write_csv(name, list(columns), [list(row) for row in zip(*columns.values(), strict=True)])


def quota(rng: np.random.Generator, n: int, weights: dict) -> list:
    """Return n labels in random order whose counts match the weights as closely as whole numbers allow."""
    share = np.array(list(weights.values()), float)
    share = share / share.sum() * n
    counts = np.floor(share).astype(int)
    counts[np.argsort(counts - share, kind="stable")[: n - counts.sum()]] += 1
    return list(rng.permutation(np.repeat(np.array(list(weights), dtype=object), counts)))


def pick(rng: np.random.Generator, weights: dict) -> str:
    """Return one label drawn with the given weights."""
    share = np.array(list(weights.values()), float)
    return list(weights)[rng.choice(len(share), p=share / share.sum())]


def messy(rng: np.random.Generator, values: list, blank: float = 0.045, refused: float = 0.02) -> list:
    """Return answers as exported: some blank, some 'Prefer not to say', some worded differently."""
    weights = {"keep": 1 - blank - refused - 0.07, "": blank, PNTS: refused, "vary": 0.07}
    out = []
    for value, fate in zip(values, quota(rng, len(values), weights), strict=True):
        if not value or fate == "keep":
            out.append(value)  # a question skipped by design stays blank
        elif fate == "vary":
            out.append(str(rng.choice(VARIANTS.get(value, [value.lower()]))))
        else:
            out.append(fate)
    return out


def likert(rng: np.random.Generator, n: int, positive: float) -> list:
    """Return n agree5 answers, with blanks and non-answers, whose positive share of real answers is given."""
    pos, neg = positive * 0.908, (1 - positive) * 0.908
    levels = dict(zip(AGREE5, [0.2 * neg, 0.35 * neg, 0.45 * neg, 0.6 * pos, 0.4 * pos], strict=True))
    return quota(rng, n, {"": 0.04, "Don't know": 0.04, PNTS: 0.012} | levels)


def statements(rng: np.random.Generator, questions: dict, positive: float, support: list) -> dict:
    """Return agree5 answers per statement; those without an EHC plan skip the EHC plan statement."""
    out = {}
    for text, shift in questions.items():
        answers = likert(rng, len(support), positive + shift)
        if text == "My EHC plan was written with me":
            skip = ["Not applicable" if rng.random() < 0.15 else "" for _ in support]
            answers = [a if s == "EHC plan" else k for a, s, k in zip(answers, support, skip, strict=True)]
        out[text] = answers
    return out


def age_in_band(rng: np.random.Generator, band: str) -> object:
    """Return a whole age within a band such as '12-16' (younger likelier in 20-25), else the label given."""
    if "-" not in band:
        return int(band) if band.isdigit() else band
    low, high = (int(part) for part in band.split("-"))
    weights = np.linspace(1.6, 0.6, high - low + 1) if low >= 20 else np.ones(high - low + 1)
    return low + int(rng.choice(len(weights), p=weights / weights.sum()))


def age_text(rng: np.random.Generator, age: object) -> str:
    """Return an age as typed: '14', '14 years', '14 years old', 'fourteen', blank or refused."""
    if not isinstance(age, int):
        return PNTS if age == "refused" else ""
    roll = rng.random()
    if roll < 0.72 or age < 2:  # nobody writes "0 years"
        return str(age)
    return f"{age} years" if roll < 0.9 else f"{age} years old" if roll < 0.95 else WORDS[age]


def setting_for(rng: np.random.Generator, age: object) -> str:
    """Return a school or college setting plausible for an age (blank for under-fives)."""
    if isinstance(age, int) and age < 5:
        return ""
    oldest = min(oldest for oldest in SETTINGS if not isinstance(age, int) or age <= oldest)
    return pick(rng, SETTINGS[oldest])


def comments(rng: np.random.Generator, n: int, pool: list[str], rate: float) -> list[str]:
    """Return n free-text answers (most blank), a few carrying a fake email or phone number to redact."""
    texts = [str(rng.choice(pool)) if rng.random() < rate else "" for _ in range(n)]
    texts = [t.lower() if rng.random() < 0.05 else t for t in texts]
    answered = [i for i, text in enumerate(texts) if text]
    for i in rng.choice(answered, max(1, round(0.025 * len(answered))), replace=False):
        if rng.random() < 0.5:
            texts[i] += f" Email me at {rng.choice(EMAIL_USERS)}@example.org"
        else:  # 07700 900000-900999 is Ofcom's range for drama, never a real phone
            texts[i] += f" My number is 07700 900{rng.integers(0, 1000):03d}."
    return texts


def stamps(rng: np.random.Generator, n: int, first: dt.date, days: int, launch: bool) -> list[str]:
    """Return n sorted UK timestamps over `days` days; a launched survey gets most answers early."""
    offsets = rng.exponential(days / 3, n) if launch else rng.uniform(0, days, n)
    day = np.minimum(offsets.astype(int), days - 1)
    hour, minute = rng.choice(24, n, p=HOURS / HOURS.sum()), rng.integers(0, 60, n)
    start = dt.datetime(first.year, first.month, first.day)
    minutes = sorted(int(d) * 1440 + int(h) * 60 + int(m) for d, h, m in zip(day, hour, minute, strict=True))
    return [(start + dt.timedelta(minutes=m)).strftime(STAMP) for m in minutes]


def big_bang(year: int, n: int, share_12_16: float, listened: float) -> int:
    """Write one wave of the young people's Big Bang survey, open for three weeks in November."""
    rng = rng_for(f"big_bang_{year}")
    rest = 0.95 - share_12_16
    ages_by_band = {"blank": 4, "refused": 1.5, "11": 5, "12-16": 100 * share_12_16}
    bands = quota(rng, n, ages_by_band | {"17-19": 68 * rest, "20-25": 32 * rest})
    ages = [age_in_band(rng, band) for band in bands]
    support = [pick(rng, BB_SUPPORT) for _ in range(n)]
    outreach = [year >= 2024 and band == "12-16" and rng.random() < 0.6 for band in bands]
    columns = {
        "Response ID": [f"BB{year % 100}-{i:04d}" for i in range(1, n + 1)],
        "Collector ID": [SCHOOLS_COLLECTOR if school else pick(rng, BB_COLLECTORS) for school in outreach],
        "Date submitted": stamps(rng, n, dt.date(year, 11, 6), 21, launch=True),
        "IP Address": [f"192.0.2.{rng.integers(1, 255)}" for _ in range(n)],
        "How old are you?": [age_text(rng, age) for age in ages],
        "Which area do you live in?": messy(rng, [pick(rng, LOCALITIES) for _ in range(n)]),
        "What is your main need?": messy(rng, [pick(rng, NEEDS) for _ in range(n)]),
        "What support do you get?": messy(rng, support),
        "Where do you go to school or college?": messy(rng, [setting_for(rng, age) for age in ages]),
    }
    columns |= statements(rng, BB_QUESTIONS, listened, support)
    columns["Anything else you want to tell us?"] = comments(rng, n, YP_COMMENTS, 0.42)
    return write_columns(f"big_bang_{year}.csv", columns)


def involvement(year: int, n: int, first_id: int) -> int:
    """Write one wave of the annual involvement survey, open through February into March."""
    rng = rng_for(f"involvement_{year}")
    shown = quota(rng, n, INV_TYPES | {"": 3.5, PNTS: 1.5})
    kinds = [kind if kind in INV_TYPES else pick(rng, INV_TYPES) for kind in shown]
    bands = [pick(rng, INV_AGES[kind]) if kind in INV_AGES else None for kind in kinds]
    ages = [age_in_band(rng, band) if band else None for band in bands]
    support = ["" if kind == "Professional" else pick(rng, INV_SUPPORT) for kind in kinds]
    columns = {
        "Response ID": [str(i) for i in first_id + np.cumsum(rng.integers(1000, 90000, n))],
        "Date submitted": stamps(rng, n, dt.date(year, 2, 1), 42, launch=True),
        "I am a...": messy(rng, shown, blank=0, refused=0),
        "How old is your child or young person?": [age_text(rng, age) for age in ages],
        "Which area do you live in?": messy(rng, [pick(rng, LOCALITIES) for _ in range(n)]),
        "Primary need": messy(rng, [pick(rng, NEEDS) if s else "" for s in support]),
        "Support level": messy(rng, support),
        "Setting": messy(rng, [setting_for(rng, a) if s else "" for a, s in zip(ages, support, strict=True)]),
    } | {text: [""] * n for text in INV_QUESTIONS}
    for kind, by_year in INV_LISTENED.items():
        rows = [i for i, k in enumerate(kinds) if k == kind]
        answers = statements(rng, INV_QUESTIONS, by_year[year], [support[i] for i in rows])
        for text, values in answers.items():
            for i, value in zip(rows, values, strict=True):
                columns[text][i] = value
    columns["What one thing would make the biggest difference?"] = comments(rng, n, ADULT_COMMENTS, 0.4)
    return write_columns(f"involvement_{year}.csv", columns)


def quarter_start(index: int) -> dt.date:
    """Return the first day of the quarter `index` quarters after 2023-24 Q3."""
    months = 2023 * 12 + 3 + 3 * (index + 2)
    return dt.date(months // 12, months % 12 + 1, 1)


def quarter_label(index: int) -> str:
    """Return the label of a quarter index, e.g. 2 -> '2024-25 Q1'."""
    year = 2023 + (index + 2) // 4
    return f"{year}-{(year + 1) % 100:02d} Q{(index + 2) % 4 + 1}"


def quarter_index(day: dt.date) -> int:
    """Return the index of the financial quarter a date falls in (2023-24 Q3 is 0)."""
    start = day.year if day.month >= 4 else day.year - 1
    return (start - 2023) * 4 + (day.month - 4) % 12 // 3 - 2


def local_offer(index: int, first_id: int) -> int:
    """Write one quarter of Local Offer page feedback; ratings improve once the new website is live."""
    rng = rng_for(f"local_offer_{index}")
    n = int(np.clip(round(40 + 90 * index / 11 + rng.normal(0, 5)), 40, 130))
    new_site = index >= RELAUNCH_QUARTER
    useful = 0.62 + 0.03 * (index - RELAUNCH_QUARTER) if new_site else 0.44 + 0.01 * index
    found = 0.70 + 0.02 * (index - RELAUNCH_QUARTER) if new_site else 0.55 + 0.01 * index
    pos, neg = useful * 0.97, (1 - useful) * 0.97
    ratings = {"": 0.03, "1": 0.2 * neg, "2": 0.3 * neg, "3": 0.5 * neg, "4": 0.55 * pos, "5": 0.45 * pos}
    days = (quarter_start(index + 1) - quarter_start(index)).days
    columns = {
        "Feedback ID": [f"LO-{first_id + i:05d}" for i in range(n)],
        "Date": stamps(rng, n, quarter_start(index), days, launch=False),
        "I am a...": messy(rng, [pick(rng, LO_WHO) for _ in range(n)]),
        "Section": [pick(rng, LO_SECTIONS) for _ in range(n)],
        "How useful was this page?": quota(rng, n, ratings),
        "Did you find what you were looking for?": quota(rng, n, {"": 0.04, "Yes": found, "No": 1 - found}),
        "Comment": comments(rng, n, LO_COMMENTS + (LO_COMMENTS_NEW_SITE if new_site else []), 0.5),
    }
    return write_columns(f"local_offer_{quarter_label(index).replace(' ', '_')}.csv", columns)


def parse_actions() -> list[dict]:
    """Return the action table as dicts with dates (due on the last day of its month)."""
    actions = []
    for row in ACTIONS:
        action = dict(zip(ACTION_FIELDS, row, strict=True))
        first_of_due_month = dt.date.fromisoformat(action["due"] + "-01")
        action["due"] = (first_of_due_month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        action["start"] = dt.date.fromisoformat(action["start"] + "-01")
        actions.append(action | {"group": GROUPS[action["group"]], "lead": LEADS[action["lead"]]})
    return actions


def write_actions(actions: list[dict]) -> int:
    """Write the three action plans as one file, one row per action."""
    rows = []
    for a in actions:
        plan, area = PLANS.get(a["code"][:3], "SEND strategy delivery plan"), ""
        if a["code"][:3] in ("IDA", "ADD"):
            area = f"{a['code'][:3]} {int(a['code'][4:])}"
        dates = [a["start"].strftime(DAY), a["due"].strftime(DAY)]
        rows.append([a["code"], plan, a["title"], a["ws"], a["group"], a["lead"], area, *dates])
    header = ["Action code", "Plan", "Action", "Workstream", "Accountable group", "Lead", "Inspection area"]
    return write_csv("actions.csv", [*header, "Start date", "Due date"], rows)


def progress(rng: np.random.Generator, action: dict, index: int, done_at: int) -> tuple[float, str]:
    """Return the planned percent complete and the RAG of an unfinished action in a quarter."""
    start, due = quarter_index(action["start"]), quarter_index(action["due"])
    planned = 100 * (index - start) / max(1, (done_at if action["story"] == "done" else due) - start)
    if action["story"] == "a4":
        rag = "Green" if index < A4_AMBER else "Amber" if index < A4_RED else "Red"
        return min(planned * 0.8, 45 + 2 * index), rag
    if action["story"] == "late":
        return min(planned * 0.8, 85), "Red" if index > due else "Amber" if planned > 70 else "Green"
    return min(planned, 95), "Red" if index > due else "Amber" if rng.random() < 0.15 else "Green"


def action_updates(actions: list[dict]) -> int:
    """Write one update per action per quarter since it started; percent complete never goes down."""
    rng, rows = rng_for("action_updates"), []
    for action in actions:
        start, due, story = quarter_index(action["start"]), quarter_index(action["due"]), action["story"]
        done_at = min(due + int(rng.random() < 0.3), N_QUARTERS - 1) if story == "done" else N_QUARTERS
        paused = (start + N_QUARTERS) // 2
        percent = 0
        for index in range(max(0, start), N_QUARTERS):
            if index >= done_at:
                status, rag, percent = "Complete", "Complete", 100
            elif story == "hold" and paused <= index < paused + 2:
                status, rag = "On hold", "Amber"
            else:
                planned, rag = progress(rng, action, index, done_at)
                percent = max(percent, int(np.clip(5 * round((planned + rng.normal(0, 4)) / 5), 0, 95)))
                status = "In progress" if percent else "Not started"
            kind = "A4" if rag == "Red" and story == "a4" else rag if status == "In progress" else status
            note = str(rng.choice([note for state, note in NOTES if state == kind]))
            rows.append([action["code"], quarter_label(index), status, rag, percent, note, action["lead"]])
    header = ["Action code", "Quarter", "Status", "RAG", "Percent complete", "Note", "Updated by"]
    return write_csv("action_updates.csv", header, rows)


def activities() -> int:
    """Write a year of participation activities, one row per activity and group who took part."""
    rng, events, rows = rng_for("activities"), [], []
    for title, kind, ladder, ws, who, months in ACTIVITIES:
        for month in map(int, months.split()):
            day = dt.date(2025 + (month + 9) // 12, (month + 9) % 12 + 1, int(rng.integers(3, 27)))
            events.append((day, title, kind, ladder, ws, who, month))
    for number, (day, title, kind, ladder, ws, who, month) in enumerate(sorted(events), start=1):
        for key in who.split():
            respondent, band, low, high = ATTENDING[key]
            size = int(rng.integers(low, high + 1)) + (month // 3 if key == "yp12" else 0)  # outreach
            size *= 2 if kind == "Event" else 1
            rows.append([f"ACT-{number:03d}", day.strftime(DAY), title, kind, ladder, ws, respondent, band])
            rows[-1].append(size)
    header = ["Activity ID", "Date", "Activity", "Type", "Ladder level", "Workstream", "Who took part"]
    header += ["Age band", "Number attending", *ACTIVITY_EXTRAS]
    return write_csv("activities.csv", header, add_activity_extras(rows, sorted(events)))


ACTIVITY_EXTRAS = ["Easy read", "Accessible venue", "Accessible time", "What changed as a result"]


def add_activity_extras(rows: list[list], events: list[tuple]) -> list[list]:
    """Return the activity rows with accessibility and what changed, the same on every row of an activity.

    Easy read becomes usual for young people's activities through the year; weekday-morning coffee mornings
    do not suit working parents; the first quarter's records are patchy."""
    rng, extras, seen = rng_for("activity_extras"), {}, {}
    for number, (_day, title, _kind, _ladder, _ws, who, month) in enumerate(events, start=1):
        occurrence = seen[title] = seen.get(title, -1) + 1
        young = "yp" in who
        easy = rng.random() < (0.25 + 0.06 * month if young else 0.15)
        venue = rng.random() < 0.9
        time = title != "Parent carer coffee morning" and rng.random() < 0.85
        values = ["Yes" if v else "No" for v in (easy, venue, time)]
        values = ["" if month < 3 and rng.random() < 0.3 else v for v in values]
        outcomes = WHAT_CHANGED.get(title, ["-"])
        changed = outcomes[occurrence % len(outcomes)]
        extras[f"ACT-{number:03d}"] = [*values, "" if changed == "-" else changed]
    return [row + extras[row[0]] for row in rows]


def participation_audit(year: str) -> int:
    """Write one year's participation audit: every service rates every priority; two skip 2025-26."""
    priorities = yaml.safe_load((MAPPINGS / "audit_priorities.yaml").read_text())
    wording = {code: item["text"] for code, item in priorities.items()}
    actions = {code: (action, step) for code, action, step in AUDIT_ACTIONS}
    later = year != min(AUDIT_YEARS)
    rows = []
    for service, maturity, gain, returned in AUDIT_SERVICES:
        if later and returned != "yes":
            continue
        rng = rng_for(f"audit_{service}")  # the same draws each year, so 2025-26 builds on 2024-25
        first_day = AUDIT_YEARS[year] + dt.timedelta(days=int(rng_for(f"audit_{service}_{year}").integers(0, 70)))
        for code in wording:
            rating = audit_rating(rng, float(maturity), float(gain), later)
            if code in AUDIT_NOT_APPLICABLE.get(service, []):
                rating = "Not applicable"
            action, step = actions[code] if rating in ("In progress", "Not started") else ("", "")
            rows.append([service, year, wording[code], "", rating, action, step, first_day.strftime(DAY)])
        for own_service, priority, *ratings in AUDIT_OWN:
            if own_service == service:
                rating = ratings[int(later)]
                action, step = actions["OWN"] if rating != "Embedded" else ("", "")
                rows.append([service, year, priority, "Yes", rating, action, step, first_day.strftime(DAY)])
    header = ["School/Service", "Audit year", "Priority", "Own priority", "Where are we?", "Required actions"]
    return write_csv(f"participation_audit_{year}.csv", [*header, "Next steps", "Date completed"], rows)


def audit_rating(rng: np.random.Generator, maturity: float, gain: float, later: bool) -> str:
    """Return a priority's rating: drawn from the service's maturity, then a step up (or rarely down) a year on."""
    levels = ["Not started", "In progress", "Embedded"]
    roll, step = rng.random(), rng.random()
    level = 2 if roll < maturity else 1 if roll < maturity + (1 - maturity) * 0.6 else 0
    if later:
        level += 1 if step < min(0.9, 2 * gain) else -1 if step > 0.96 else 0
    return levels[max(0, min(2, level))]


def you_said_we_did() -> int:
    """Write the "you said, we did" log: themes raised from each survey, responses, and a few still waiting."""
    labels = {key: item["label"] for key, item in yaml.safe_load((MAPPINGS / "indicators.yaml").read_text()).items()}
    rows = []
    for ref, source, who, raised, responded, fed_back, action, indicator, said, *done in FEEDBACK:
        did = done[0] if done else ""
        dates = [dt.date.fromisoformat(d).strftime(DAY) if d else "" for d in (raised, responded)]
        rows.append([ref, said, source, who, dates[0], did, dates[1], fed_back, action, labels.get(indicator, "")])
    header = ["Ref", "You said", "Source", "Raised by", "Date raised", "We did", "Date responded", "Fed back"]
    return write_csv("you_said_we_did.csv", [*header, "Action code", "Indicator it should move"], rows)


def population_baseline() -> int:
    """Write children and young people with EHC plans or on SEN Support by year, age band and locality."""
    rng, rows = rng_for("population_baseline"), []
    for year, (ehc, sen) in BASELINE_TOTALS.items():
        for level, total, bands in (("EHC plan", ehc, EHC_BANDS), ("SEN Support", sen, SEN_BANDS)):
            for band, band_share in bands.items():
                for locality, share in BASELINE_LOCALITIES.items():
                    count = round(total * band_share * share * rng.normal(1, 0.03))
                    rows.append([year, band, locality, level, count])
    header = ["Year", "Age band", "Locality", "Support level", "Children and young people"]
    return write_csv("population_baseline.csv", header, rows)


# DfE "Education, health and care plans" caseload.csv, in the DfE's own layout, for a fictional area. England and
# region totals are rounded to the published scale; the area's totals follow the population baseline above.
DFE_YEARS = {"202324": (575960, 86400), "202425": (638750, 95800), "202526": (690000, 103500)}
DFE_AREA = ("E06009999", "999", "Seaport (sample)")
DFE_REGION = ("E12000008", "South East")
DFE_AGE_SHARES = [0.3, 0.8, 1.8, 3.0, 4.0, 4.6, 5.0, 5.3, 5.6, 5.8, 5.9, 6.0, 6.1, 6.1, 5.5, 5.0, 4.4, 3.6, 2.6,
                  1.9, 1.3, 0.9, 0.6, 0.3]  # under 3, then ages 3 to 25  # fmt: skip


def dfe_caseload() -> int:
    """Write EHC plans by single year of age for England, the region and the sample area, as the DfE publishes."""
    rng, rows = rng_for("dfe_caseload"), []
    ages = ["under 3", *(f"age {age}" for age in range(3, 26))]
    area_totals = {period: BASELINE_TOTALS[int(period[:4]) + 1][0] for period in DFE_YEARS}
    for period, (england, region) in DFE_YEARS.items():
        for level, total, codes in (
            ("National", england, ("", "", "", "", "")),
            ("Regional", region, (*DFE_REGION, "", "", "")),
            ("Local authority", area_totals[period], (*DFE_REGION, *DFE_AREA)),
        ):
            shares = np.array(DFE_AGE_SHARES) * rng.normal(1, 0.04, len(DFE_AGE_SHARES))
            counts = np.round(total * shares / shares.sum()).astype(int)
            place = [period, "Academic year", level, "E92000001", "England", *codes]
            rows.append([*place, "All EHC plans", "All EHC plans", *dfe_settings(int(counts.sum()))])
            rows += [
                [*place, "Child or young persons age", age, *dfe_settings(int(n))]
                for age, n in zip(ages, counts, strict=True)
            ]
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "new_la_code", "old_la_code", "la_name", "breakdown_topic", "breakdown", "ehcplans",
              "mainstream_total", "special_total", "fe_total", "neet"]  # fmt: skip
    return write_csv("dfe_caseload.csv", header, rows)


def dfe_settings(plans: int) -> list[int]:
    """Return plans and a plausible split by setting (mainstream, special, further education, not in education)."""
    return [plans, round(plans * 0.41), round(plans * 0.38), round(plans * 0.16), round(plans * 0.02)]


def main() -> None:
    """Write every sample file (to data/samples, or the folder given) and print how many rows each has."""
    global OUT_DIR
    if len(sys.argv) > 1:
        OUT_DIR = Path(sys.argv[1])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    counts = {f"big_bang_{year}": big_bang(year, *wave) for year, wave in BIG_BANG.items()}
    counts |= {f"involvement_{year}": involvement(year, *wave) for year, wave in INVOLVEMENT.items()}
    first_id = 10001
    for index in range(N_QUARTERS):
        counts[f"local_offer {quarter_label(index)}"] = local_offer(index, first_id)
        first_id += counts[f"local_offer {quarter_label(index)}"]
    actions = parse_actions()
    counts |= {"actions": write_actions(actions), "action_updates": action_updates(actions)}
    counts |= {"activities": activities(), "population_baseline": population_baseline()}
    counts |= {f"participation_audit_{year}": participation_audit(year) for year in AUDIT_YEARS}
    counts["you_said_we_did"] = you_said_we_did()
    counts["dfe_caseload"] = dfe_caseload()
    for name, rows in counts.items():
        print(f"{name}: {rows} rows")


if __name__ == "__main__":
    main()
