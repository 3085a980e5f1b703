"""Word lists and sentence pieces for the synthetic corpus.

All wording here is invented for the benchmark: nothing is copied from the
seed corpus.  Placeholders in braces are filled by :mod:`benchmarks.generate`.
"""

FIRST_NAMES = (
    "Alice", "Amir", "Andrew", "Angela", "Anita", "Ben", "Bridget", "Carl", "Catherine", "Chloe",
    "Colin", "Daniel", "Deborah", "Derek", "Eleanor", "Emeka", "Fiona", "Gareth", "Grace", "Hannah",
    "Harjit", "Helen", "Ian", "Imogen", "Jasmine", "Jonathan", "Karen", "Keith", "Laura", "Lewis",
    "Lindsey", "Malcolm", "Margaret", "Martin", "Nadia", "Neil", "Nicola", "Owen", "Patricia", "Paul",
    "Priya", "Rachel", "Richard", "Rosalind", "Samuel", "Sandra", "Simon", "Sophie", "Stephen", "Tanya",
    "Thomas", "Una", "Victor", "Wendy", "Yusuf", "Zara",
)
SURNAMES = (
    "Ashdown", "Bellamy", "Brannigan", "Calloway", "Carver", "Chandra", "Dalrymple", "Denholm",
    "Easton", "Fairbairn", "Fenwick", "Garside", "Greaves", "Hadley", "Halloran", "Hartigan",
    "Iqbal", "Jessop", "Kavanagh", "Kirkland", "Lambourne", "Lockwood", "Mabbott", "McAllister",
    "Merriman", "Nkemelu", "Norbury", "Okafor", "Oldroyd", "Pendleton", "Prescott", "Quayle",
    "Radcliffe", "Rowntree", "Sandhu", "Selwyn", "Thornbury", "Tillotson", "Underhill", "Varley",
    "Wainwright", "Whitcombe", "Yardley", "Youngman",
)
FEMALE = {
    "Alice", "Angela", "Anita", "Bridget", "Catherine", "Chloe", "Deborah", "Eleanor", "Fiona", "Grace",
    "Hannah", "Helen", "Imogen", "Jasmine", "Karen", "Laura", "Lindsey", "Margaret", "Nadia", "Nicola",
    "Patricia", "Priya", "Rachel", "Rosalind", "Sandra", "Sophie", "Tanya", "Una", "Wendy", "Zara",
}
PUBLISHERS = ("Example News", "Example Gazette", "The Example Echo", "Example Courier", "Example Herald")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# --- findings: (kind, text); "{force}" is the force's short name ----------------------------------
CONCERNS = (
    "The force does not answer emergency calls quickly enough, and some callers wait far longer than they should",
    "Too many investigations are closed before the evidence has been gathered and reviewed",
    "The force does not know how many registered sex offenders it is managing at any one time",
    "Supervisors do not check that risk assessments for vulnerable people are completed",
    "Victims are not always told when their case is closed or why",
    "The force cannot show that it records every crime reported to it",
)
IMPROVEMENTS = (
    "The force should make sure that officers record the ethnicity of people they stop and search",
    "The force should improve how it shares information about missing children with partner agencies",
    "The force should review its call-handling arrangements so that repeat callers are identified",
    "The force should make sure that bail conditions are monitored and breaches acted on",
    "The force should improve the wellbeing support it gives to officers working in child protection",
    "The force should make better use of its analysts to understand future demand",
    "The force should reduce the backlog of digital devices awaiting examination",
    "The force should make sure that neighbourhood officers are not routinely taken away from their areas",
)
STRENGTHS = (
    "The force works well with local councils to tackle anti-social behaviour",
    "Officers treat members of the public with courtesy and respect",
    "The force has a clear plan for the savings it must make over the next four years",
    "Leaders encourage staff to challenge decisions and suggest improvements",
)
INSPECTOR_REPORTED = (
    "{force} had made progress since its last inspection but still had work to do",
    "the force needed to get better at answering calls from the public",
    "some victims were being let down by slow investigations",
    "the force understood the demand it faced and had planned for it well",
    "officers and staff were committed, but too many were stretched thin",
    "the force was not recording as many as one in ten crimes reported to it",
)

# --- quotations: (speaker kind, stance, words) ------------------------------------------------------
QUOTES = {
    "inspector": (
        ("statement", "I am pleased that the force has improved in several areas since we last inspected it."),
        ("statement", "There is still too much variation in the service that victims receive."),
        ("statement", "The force must now act quickly on the causes of concern we have identified."),
        ("statement", "Officers and staff clearly care about the communities they serve."),
        ("statement", "We will return to check on progress within the next twelve months."),
    ),
    "chief": (
        ("accepts", "We accept the findings of the report and we are already acting on them."),
        ("commits_to_action", "A detailed improvement plan is in place and I will oversee it personally."),
        ("disputes", "The report does not fully reflect the progress our officers have made this year."),
        ("accepts", "We know there is more to do, particularly in how we answer calls from the public."),
        ("commits_to_action", "We are recruiting more investigators and training every new officer in victim care."),
    ),
    "pcc": (
        ("accepts", "I will hold the chief constable to account for delivering these improvements."),
        ("disputes", "Some of the good work being done by officers has not been given the credit it deserves."),
        ("commits_to_action", "I have asked for monthly updates on the improvement plan."),
        ("accepts", "Residents deserve a service they can rely on, and this report shows where it falls short."),
    ),
    "federation": (
        ("disputes", "Our members are doing their best with fewer resources than ever."),
        ("statement", "Officers are exhausted and morale is at a low ebb."),
    ),
    "minister": (
        ("statement", "Every force must give the public the service they have a right to expect."),
        ("commits_to_action", "We will support the force as it works through the inspectorate's recommendations."),
    ),
}
REPORTED = {
    "chief": (
        "the force had already begun work on every area the inspectors raised",
        "a new team had been set up to deal with the backlog of investigations",
        "the force would publish its improvement plan within weeks",
    ),
    "pcc": (
        "the report made difficult reading for local residents",
        "he or she would be scrutinising the force's response closely",
        "the force had been given insufficient credit for its work on county lines",
    ),
}

# --- background sentences to bring a news article to length ---------------------------------------
BACKGROUND = (
    "The force covers an area with a population of around {population} people and employs about {officers} officers.",
    "Its budget for the current year is about {budget}, most of which is spent on staff.",
    "Inspections of this kind look at how well a force keeps people safe, how efficiently it works and how it treats the public.",
    "Forces are usually given several months to respond to the recommendations in a report.",
    "The inspectorate publishes its assessments of every force in England and Wales, so results can be compared across the country.",
    "Local councillors are expected to discuss the findings at the next meeting of the police and crime panel.",
    "Campaigners for victims of crime welcomed the report and said they would be watching for signs of change.",
    "The force has faced rising demand in recent years, particularly from calls involving mental health.",
    "Neighbouring forces have received a mix of grades in the same round of inspections.",
    "A summary of the findings is available on the inspectorate's website alongside the full report.",
    "Officers from several teams were interviewed during the fieldwork, and inspectors also reviewed case files.",
    "The report follows an earlier inspection that raised similar questions about response times.",
    "Residents who took part in a survey said they wanted to see more officers on patrol.",
    "The force said that its officers had dealt with more incidents this year than in any year before.",
    "Inspectors spent several weeks with the force, observing control rooms and joining patrols.",
    "A follow-up visit is expected once the improvement plan has had time to take effect.",
    "The inspection team looked at a sample of several hundred crime reports as part of the work.",
    "Staff surveys carried out for the inspection suggested that workloads remain high in many teams.",
    "The force has opened a new control room in the past two years, which it says has cut waiting times.",
    "The number of officers in the force fell for much of the last decade before national recruitment began to reverse the trend.",
    "Several community groups told the inspectors they found it hard to get updates on reported crimes.",
    "The report sets out how the force compares with others that serve similar populations.",
    "Partner agencies, including councils and health services, were consulted during the inspection.",
    "Some of the problems identified were first raised more than three years ago, the report noted.",
    "The force's own figures show that the number of domestic abuse reports has risen every year since 2015.",
    "Rural parts of the force area have seen a rise in thefts of farm machinery and fuel.",
    "A public meeting to discuss the findings is planned for later in the year.",
    "Inspectors also examined how the force uses its powers of stop and search, and how it records their use.",
)
PREVIOUS = (
    "In its previous inspection, the force had been {grade} for {area}.",
    "When inspectors last looked at {area}, the force was {grade}.",
    "The result compares with the previous round, in which the force was {grade} for {area}.",
)
