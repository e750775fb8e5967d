"""The word lists question analysis reads (``question.py``): stopwords, the nouns after
"which/what" that fix an answer type, what "how <word>" and measuring nouns ask for, and the
words that make a question about money. Plain English, not drawn from any eval suite.
"""

from __future__ import annotations

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom whose why will with would you your yours yourself
yourselves how did does do says said say tell told according article articles reported
report reports s t don many much anything something thing things ever exactly actually
please know let us new news get got make made going go one whether
""".split())
# Nouns after "which/what" that fix the answer type ("which city" -> place).
TYPE_NOUNS = {
    "date": "date", "day": "date", "month": "date", "year": "date", "week": "date",
    "time": "time", "hour": "time",
    "city": "place", "country": "place", "place": "place", "location": "place", "port": "place",
    "town": "place", "region": "place", "venue": "place", "capital": "place", "border": "place",
    "street": "place", "streets": "place", "village": "place", "villages": "place", "cities": "place",
    "countries": "place", "site": "place", "building": "place", "airport": "place", "station": "place",
    "person": "person", "leader": "person", "official": "person", "spokesman": "person",
    "spokesperson": "person", "spokeswoman": "person", "minister": "person", "president": "person",
    "journalist": "person", "reporter": "person", "adviser": "person", "advisor": "person",
    "agency": "organisation", "newspaper": "organisation", "outlet": "organisation",
    "network": "organisation", "organisation": "organisation", "organization": "organisation",
    "channel": "organisation", "publication": "organisation", "group": "organisation",
    "company": "organisation", "media": "organisation", "broadcaster": "organisation",
    "number": "number", "percentage": "number", "amount": "number", "distance": "number",
    # Common nouns of news and reference writing, singular (plurals are looked up by their
    # singular: "which regions", "which countries").
    "area": "place", "district": "place", "province": "place", "state": "place", "island": "place",
    "county": "place", "nation": "place", "continent": "place", "stadium": "place",
    "ground": "place", "harbour": "place", "neighbourhood": "place", "suburb": "place",
    "manager": "person", "coach": "person", "captain": "person", "engineer": "person",
    "mayor": "person", "chief": "person", "founder": "person", "owner": "person",
    "secretary": "person", "scientist": "person", "player": "person", "worker": "person",
    "author": "person", "writer": "person", "architect": "person", "designer": "person",
    "chairman": "person", "chairwoman": "person", "chair": "person", "executive": "person", "director": "person", "king": "person", "queen": "person",
    "mother": "person", "father": "person", "wife": "person", "husband": "person",
    "son": "person", "daughter": "person", "brother": "person", "sister": "person",
    "parent": "person", "widow": "person", "successor": "person", "predecessor": "person",
    "driver": "person", "pilot": "person", "judge": "person", "lawyer": "person",
    "prosecutor": "person", "inventor": "person", "discoverer": "person", "winner": "person",
    "champion": "person", "referee": "person", "scorer": "person", "goalkeeper": "person",
    "teacher": "person", "doctor": "person", "physician": "person", "surgeon": "person",
    "headteacher": "person", "chancellor": "person", "governor": "person",
    "commander": "person", "admiral": "person", "bishop": "person",
    "priest": "person", "composer": "person", "painter": "person", "poet": "person",
    "novelist": "person", "astronomer": "person", "chemist": "person", "physicist": "person",
    "biologist": "person", "naturalist": "person", "historian": "person", "economist": "person",
    "councillor": "person", "senator": "person", "candidate": "person", "victim": "person",
    "witness": "person", "ceo": "person", "boss": "person",
    "team": "organisation", "club": "organisation", "firm": "organisation",
    "carmaker": "organisation", "manufacturer": "organisation", "maker": "organisation",
    "union": "organisation", "party": "organisation", "body": "organisation",
    "authority": "organisation", "institution": "organisation", "ministry": "organisation",
    "bank": "organisation", "charity": "organisation", "university": "organisation",
    "airline": "organisation", "society": "organisation", "orchestra": "organisation",
    "choir": "organisation", "band": "organisation", "ensemble": "organisation", "utility": "organisation",
    "insurer": "organisation", "publisher": "organisation", "school": "organisation",
    "century": "date", "decade": "date", "season": "date",
    "population": "number", "capacity": "number", "attendance": "number",
    "total": "number", "figure": "number", "rise": "number", "increase": "number",
    "raise": "number", "cut": "number", "growth": "number",
    # Landforms, waters and ways (named places), people by occupation or part, and tallies.
    "river": "place", "tributary": "place", "stream": "place", "lake": "place", "loch": "place",
    "sea": "place", "ocean": "place", "bay": "place", "estuary": "place", "coast": "place",
    "mountain": "place", "hill": "place", "peak": "place", "valley": "place", "glen": "place",
    "peninsula": "place", "forest": "place", "moor": "place", "marsh": "place", "canal": "place",
    "road": "place", "square": "place", "park": "place", "parish": "place", "borough": "place",
    "municipality": "place", "settlement": "place", "hamlet": "place", "destination": "place",
    "operator": "person", "officer": "person", "member": "person", "resident": "person",
    "farmer": "person", "fisherman": "person", "miner": "person", "soldier": "person",
    "student": "person", "professor": "person", "researcher": "person", "curator": "person",
    "conductor": "person", "keeper": "person", "warden": "person", "ranger": "person",
    "builder": "person", "sculptor": "person", "artist": "person", "musician": "person",
    "singer": "person", "actor": "person", "athlete": "person", "sailor": "person",
    "skipper": "person", "guard": "person", "detective": "person", "inspector": "person",
    "editor": "person", "photographer": "person", "presenter": "person", "nurse": "person",
    "activist": "person", "campaigner": "person", "negotiator": "person",
    "vote": "number", "score": "number", "tally": "number", "limit": "number", "rate": "number",
    "temperature": "number", "margin": "number", "share": "number", "proportion": "number",
    "fraction": "number", "value": "number", "valuation": "number", "revenue": "number", "profit": "number",
    "turnover": "number",
}
# Words that make a name the name of a thing, not a person ("the Calder and Moy company").
NAME_HEADS = {"company", "corporation", "firm", "telegraph", "railway", "bridge", "stadium", "street",
              "road", "prize", "award", "medal", "university", "college", "school", "hospital", "cup",
              "trophy", "building", "tower", "house", "hall", "institute", "society", "foundation",
              "museum", "theatre", "park", "square", "station", "line", "cell", "stand", "group",
              "motor", "motors", "bank", "airport", "centre", "center", "club", "lane", "avenue",
              "trust", "board", "council", "committee", "commission", "agency", "authority", "service",
              "department", "court", "fund", "association", "federation", "league", "works", "elementary",
              "academy", "primary", "library", "gallery", "festival", "prison", "mine", "plant", "factory",
              "cooperative", "union", "orchestra", "ministry", "party", "church", "cathedral", "abbey"}
# The nouns above that name a person ("spokesman", "chief executive"), longest first for
# regular expressions.
PERSON_NOUNS = tuple(sorted((w for w, k in TYPE_NOUNS.items() if k == "person"), key=len, reverse=True))
IRREGULAR_PLURALS = {"people", "children", "men", "women", "mice", "geese", "feet", "teeth"}
# "What is the height of …" measures as "how high …" does.
MEASURE_NOUNS = {"height": "size", "length": "size", "width": "size", "depth": "size",
                 "size": "size", "area": None, "weight": "weight", "mass": "weight", "distance": "distance",
                 "age": "age", "speed": "speed", "lifespan": "duration", "lifetime": "duration",
                 "cost": "money", "price": "money", "toll": "money",
                 "fee": "money", "fare": "money", "salary": "money", "wage": "money", "sum": "money",
                 "fine": "money", "rent": "money", "budget": "money", "damages": "money",
                 "value": "money", "valuation": "money", "revenue": "money", "profit": "money", "turnover": "money",
                 "population": "people", "attendance": "people", "turnout": "people",
                 "temperature": "temperature", "gust": "speed", "gusts": "speed",
                 "proportion": "share", "percentage": "share", "fraction": "share",
                 # more amounts of money, and heights above the sea
                 "penalty": "money", "loan": "money", "grant": "money", "pension": "money", "reward": "money",
                 "compensation": "money", "investment": "money", "bonus": "money", "payout": "money",
                 "payment": "money", "subsidy": "money", "deficit": "money", "debt": "money", "donation": "money",
                 "altitude": "size", "elevation": "size"}
# Verbs whose "what" asks for an amount of money ("What was she paid?", "What did it cost?").
MONEY_VERBS = {"paid", "pay", "earn", "earned", "earns", "cost", "costs", "charge", "charged", "fined", "worth",
               "insured", "valued"}
AUXILIARIES = {"is", "was", "are", "were", "did", "does", "do", "will", "would", "has", "had", "have"}
DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "your"}
WHEN_HOW = {"soon", "early", "late"}  # "how soon could they meet?" asks when
NUMBER_HOW = {"many", "much", "far", "long", "old", "big", "large", "often", "fast", "tall", "high",
              "heavy", "deep", "wide", "quickly", "hot", "cold"}
# What a "how <word>" question measures: the answer must be a value of that kind. ("How big"
# and "how large" are left out: they ask for a count as often as for a size.)
MEASURES = {"old": "age", "fast": "speed", "quickly": "speed", "far": "distance", "tall": "size",
            "high": "size", "heavy": "weight", "deep": "size",
            "wide": "size", "long": "duration", "often": "frequency", "hot": "temperature", "cold": "temperature"}
# "How far along / advanced / through" asks how much of something is done.
PROGRESS_WORDS = {"along", "advanced", "through", "complete", "completed", "done", "gone"}
# Names of a kind that do not use its word: "Highway 41" is a road, "Ferry Quay" a port.
KIND_ALIASES = {"road": {"highway", "motorway", "route", "interstate", "street", "avenue", "lane", "drive"},
                "street": {"road", "avenue", "lane", "drive", "boulevard", "terrace"},
                "river": {"afon", "burn", "brook", "creek"}, "port": {"harbour", "harbor", "quay", "dock", "docks"},
                "mountain": {"mount", "peak", "ben", "fell", "hill"}, "lake": {"loch", "lough", "mere", "reservoir"},
                "award": {"prize", "medal", "trophy", "honour", "honor"}, "prize": {"award", "medal", "trophy"},
                "ship": {"steamship", "steamer", "vessel", "ferry", "liner", "schooner", "tug", "boat"},
                "vessel": {"ship", "steamship", "ferry", "boat"}, "boat": {"ship", "vessel", "ferry"}}
# Adjectives whose comparative follows "how much" ("how much higher", "how much later").
COMPARABLE = {"high", "low", "long", "short", "big", "small", "large", "great", "fast", "slow", "wide", "deep",
              "heavy", "light", "old", "young", "early", "late", "cheap", "dear", "strong", "weak", "tall", "warm",
              "cold", "hot", "cool", "loud", "quiet", "close", "rich", "poor", "far", "few", "near", "steep",
              "thick", "thin", "safe", "busy", "costly", "pricey", "dense", "easy", "hard", "wet", "dry"}
# "What <verb> …" asks for a cause: "What prompted the traders to …", "What led to the closure?"
CAUSE_VERBS = {"caused", "causes", "cause", "prompted", "prompts", "prompt", "triggered", "triggers", "trigger",
               "led", "leads", "sparked", "sparks", "drove", "drives", "forced", "forces", "made", "makes"}
# A post is also written with its verb or another form of its noun: "the committee's
# chairman" for a chair, "has been directed since 2017 by Professor …" for a director.
_LEADS = {"heads", "headed", "leads", "led", "runs", "directed"}
ROLE_FORMS = {"manager": {"manages", "managed", "managing"},
              "chair": {"chairs", "chaired", "chairman", "chairwoman", "chairperson"},
              "chairman": {"chair", "chairs", "chaired", "chairwoman", "chairperson"},
              "chairwoman": {"chair", "chairs", "chaired", "chairman", "chairperson"},
              "leader": {"leads", "led"}, "head": _LEADS, "boss": _LEADS,
              "owner": {"owns", "owned"}, "coach": {"coaches", "coached"},
              "director": {"directs", "directed"}, "editor": {"edits", "edited"},
              "governor": {"governs", "governed"}, "captain": {"captains", "captained"},
              "commander": {"commands", "commanded"}, "founder": {"founded", "co-founded"}}
# Who heads an organisation: "its boss" or "its head" is written as one of these titles.
HEAD_ROLES_ASKED = {"boss", "head", "leader"}
HEAD_ROLES = {"chief", "executive", "director", "chairman", "chairwoman", "chair", "president", "ceo",
              "manager", "head", "leader", "boss", "governor", "commissioner", "principal"}
# Nouns after "which"/"what" that name no kind of thing ("what kind of …", "which part …").
VAGUE_KINDS = {"kind", "kinds", "sort", "sorts", "type", "types", "part", "parts", "way", "ways", "one", "ones",
               "thing", "things", "happened", "else"}
# "How much <word>" that asks for no amount in a unit ("how much time": a duration).
NOT_AMOUNTS = {"more", "less", "time", "longer", "further", "farther", "money", "later", "earlier"}
# "How much" asks for money when the question is about paying or costing.
MONEY_WORDS = {"pay", "paid", "pays", "paying", "cost", "costs", "costing", "price", "priced", "spend",
               "spent", "spends", "worth", "money", "fund", "funds", "funding", "earn", "earned",
               "charge", "charged", "sell", "sold", "buy", "bought", "budget", "fee", "fine", "fined",
               "cash", "compensation", "salary", "wage", "wages", "grant", "pension", "donate",
               "donated", "reward", "loan", "invest", "invested", "investment", "revenue", "profit",
               "save", "saves", "saving", "savings", "pledge", "pledged", "pledges", "pledging", "ticket",
               "tickets", "fare", "fares"}
# "How much does it weigh?" asks for a weight.
WEIGH_WORDS = {"weigh", "weighs", "weighed", "weighing"}
# Things that are amounts of money ("the size of the bank loan", "the size of the grant").
MONEY_NOUNS = {"loan", "loans", "grant", "grants", "fund", "budget", "salary", "pension", "reward", "compensation",
               "investment", "revenue", "profit", "profits", "fine", "fee", "price", "cost", "wage", "wages",
               "donation", "payment", "payout", "debt", "bill", "bonus", "settlement", "subsidy", "deficit"}
# "How many times …" counts events: the counted noun says nothing about the answer's words.
MODALS = {"might", "may", "must", "shall", "ought", "need", "needs"}
GENERIC_COUNTED = {"times", "time", "people", "ones", "things", "kinds", "types", "sorts"}
FOLLOW_UP_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "their", "its", "there",
                      "that", "this", "those", "these"}
# Nouns whose value is a tally ("what was the vote": "7-4"; "the score": "22-21").
TALLY_NOUNS = {"vote", "score", "tally", "result"}
# How news questions reword what articles write: a question's word or phrase (left), the
# article words that say the same (right). Phrasal verbs and everyday words the word vectors
# place too far apart ("set up" / "founded", "take off" / "lifted off"). A general list of
# the language's rewordings, not taken from any one corpus.
PARAPHRASES = {
    "set up": "founded established formed created launched",
    "found": "established set formed created",
    "establish": "founded set formed created",
    "take over": "succeeded successor replaced",
    "succeed": "successor replaced",
    "replace": "succeeded successor",
    "take off": "lifted launched launch lift-off liftoff",
    "lift off": "launched launch took",
    "blast off": "launched launch lifted",
    "launch": "lifted",
    "bar": "closed banned prohibited excluded",
    "ban": "barred closed prohibited",
    "shut": "closed",
    "close": "shut",
    "put off": "postponed delayed deferred",
    "postpone": "delayed deferred",
    "delay": "postponed deferred",
    "call off": "cancelled canceled scrapped abandoned",
    "cancel": "called scrapped abandoned",
    "step down": "resigned quit",
    "resign": "quit",
    "quit": "resigned",
    "die": "killed dead death deaths fatalities",
    "kill": "died dead death deaths fatalities",
    "hurt": "injured wounded injuries",
    "injure": "hurt wounded injuries",
    "construct": "built erected",
    "buy": "acquired purchased",
    "acquire": "bought purchased",
    "purchase": "bought acquired",
    "hire": "appointed recruited employed",
    "appoint": "named hired",
    "sack": "dismissed fired",
    "fire": "dismissed sacked",
    "dismiss": "sacked fired",
    "discover": "found uncovered unearthed spotted detected",
    "find": "discovered uncovered unearthed spotted detected",
    "spot": "noticed discovered saw",
    "speak for": "spokesman spokeswoman spokesperson represents chairman chairwoman",
    "represent": "spokesman spokeswoman spokesperson",
    "own": "owner owns holds",
    "employ": "employees staff workers",
    "work on": "worked built",
    "wash up": "washed ashore found",
    "wash ashore": "washed found",
    "approve": "backed endorsed permission passed",
    "permission": "approve approval licence license consent",
    "permit": "approve allowed licence license",
    "back": "approved endorsed supported",
    "examine": "inspected analysed analyzed investigated studied",
    "inspect": "examined checked",
    "investigate": "examined inquiry investigation",
    "rescue": "saved evacuated winched",
    "save": "rescued",
    "halt": "stopped suspended",
    "stop": "halted ceased suspended",
    "suspend": "halted stopped paused",
    "win": "won awarded",
    "award": "won received granted",
    "receive": "awarded given granted got",
    "get": "received awarded given granted",
    "marry": "married husband wife",
    "study": "studied graduated",
    "teach": "taught lectured studied",
    "draw up": "drafted prepared",
    "drew up": "drafted prepared",
    "draft": "drew prepared",
    "get into": "broke entered forced",
    "break into": "entered forced",
    "write": "wrote author written",
    "design": "designed designer",
    "invent": "invented inventor",
    "move": "moved relocated transferred",
    "relocate": "moved",
    "arrive": "reached",
    "reach": "arrived",
    "leave": "departed",
    "depart": "left",
    "start": "began opened commenced launched",
    "begin": "started opened commenced",
    "end": "ended finished completed concluded",
    "finish": "ended completed concluded",
    "complete": "finished ended",
    "weigh": "weight tonnes kilograms",
    "carry": "place lift",
    "path": "orbit route",
    "go up": "launched lifted rose",
    "end up": "reached placed settled",
    "speak on behalf": "spokesman spokeswoman spokesperson",
    "strike down": "quashed overturned annulled",
    "overturn": "quashed annulled",
    "drop out": "withdrew withdrawn quit",
    "pull out": "withdrew withdrawn",
    "withdraw": "dropped pulled",
    "turn down": "rejected declined refused",
    "reject": "refused declined",
    "bring in": "introduced",
    "introduce": "brought",
    "sign up": "joined enrolled",
    "look into": "investigated examined inquiry",
    "set off": "departed left",
    "set out": "departed left",
    "take part": "participated competed joined",
    "give up": "abandoned",
    "abandon": "gave",
    "break out": "started erupted",
    "come down": "fell collapsed",
    "collapse": "fell",
    "hand over": "transferred gave",
    "put forward": "proposed",
    "propose": "suggested",
    "run aground": "grounded",
    "go back": "returned",
    "come back": "returned",
}
