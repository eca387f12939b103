"""Deterministic question generators for the demo expert pack.

Every skill yields items ``(kind, fact, mode, question, answer)``:

* ``kind``   a sub-task (``add``, ``reverse``, ...); evaluation questions are drawn per kind in fixed numbers and
  training samples kinds uniformly, so small kinds are not drowned by large ones;
* ``fact``   the underlying problem (several phrasings of one fact share it);
* ``mode``   how evaluation questions are held out of training:
  ``problem``  the whole fact is held out (no phrasing of it is trained on): the skill must generalise (addition,
               string operations, appending zeros);
  ``phrasing`` only the question string is held out, other phrasings of the fact stay in training (memorised tables:
               capitals, calendar, multiplication tables, conversions by 60/24/12/7/3).

Everything here is pure Python and deterministic; the split is made by ``split_skill`` with a seeded ``random.Random``.
"""

import random
from collections import OrderedDict

SKILLS = ["arithmetic", "unit-conversion", "string-manipulation", "calendar", "capitals"]


class Item(object):
    __slots__ = ("skill", "kind", "fact", "mode", "question", "answer")

    def __init__(self, skill, kind, fact, mode, question, answer):
        self.skill, self.kind, self.fact, self.mode = skill, kind, fact, mode
        self.question, self.answer = question, answer


# ----------------------------------------------------------------------------------------------------------------------
# arithmetic

ADD_T = ["What is {a} + {b}?", "What is {a} plus {b}?", "Add {a} and {b}.", "What is the sum of {a} and {b}?",
         "Calculate {a} + {b}."]
SUB_T = ["What is {a} - {b}?", "What is {a} minus {b}?", "Subtract {b} from {a}.",
         "What is the difference between {a} and {b}?", "Calculate {a} - {b}."]
MUL_T = ["What is {a} times {b}?", "What is {a} * {b}?", "What is {a} x {b}?", "Multiply {a} by {b}.",
         "What is the product of {a} and {b}?"]


ADD_SUB_MAX = 30   # operands 1..30: small enough for a tiny model trained for minutes on a CPU


def arithmetic():
    """Addition and subtraction (operands 1..30, no negative results) and the times tables 2..9 x 2..12. All are held
    out by phrasing: a tiny char model trained for minutes does not learn multi-digit addition as an algorithm
    reliably enough (tried: operands 1..99 held out by problem reached about 60 %), so it learns a table with some
    generalisation, like a child."""
    out = []
    for a in range(1, ADD_SUB_MAX + 1):
        for b in range(1, ADD_SUB_MAX + 1):
            for t in ADD_T:
                out.append(Item("arithmetic", "add", ("add", a, b), "phrasing", t.format(a=a, b=b), str(a + b)))
            if a >= b:
                for t in SUB_T:
                    out.append(Item("arithmetic", "sub", ("sub", a, b), "phrasing", t.format(a=a, b=b), str(a - b)))
    # times tables 2..9 x 2..12, both orders: memorised facts, so held out by phrasing
    pairs = sorted(set([(x, y) for x in range(2, 10) for y in range(2, 13)] +
                       [(y, x) for x in range(2, 10) for y in range(2, 13)]))
    for a, b in pairs:
        for t in MUL_T:
            out.append(Item("arithmetic", "mul", ("mul", a, b), "phrasing", t.format(a=a, b=b), str(a * b)))
    return out


# ----------------------------------------------------------------------------------------------------------------------
# unit conversion

UNIT_T = ["How many {to} are in {n} {frm}?", "Convert {n} {frm} to {to}.", "{n} {frm} is how many {to}?",
          "How many {to} make {n} {frm}?", "Express {n} {frm} in {to}."]

# (singular, plural) of the bigger unit, (singular, plural) of the smaller unit, factor
POW10 = [(("meter", "meters"), ("centimeter", "centimeters"), 100),
         (("meter", "meters"), ("millimeter", "millimeters"), 1000),
         (("kilometer", "kilometers"), ("meter", "meters"), 1000),
         (("centimeter", "centimeters"), ("millimeter", "millimeters"), 10),
         (("kilogram", "kilograms"), ("gram", "grams"), 1000),
         (("liter", "liters"), ("milliliter", "milliliters"), 1000),
         (("ton", "tons"), ("kilogram", "kilograms"), 1000)]
MULT = [(("hour", "hours"), ("minute", "minutes"), 60),
        (("minute", "minutes"), ("second", "seconds"), 60),
        (("day", "days"), ("hour", "hours"), 24),
        (("week", "weeks"), ("day", "days"), 7),
        (("foot", "feet"), ("inch", "inches"), 12),
        (("yard", "yards"), ("foot", "feet"), 3),
        (("year", "years"), ("month", "months"), 12)]


def _u(pair, n):
    return pair[0] if n == 1 else pair[1]


def unit_conversion():
    out = []
    for big, small, f in POW10:
        for n in range(1, 100):
            for t in UNIT_T:   # big -> small: append zeros
                q = t.format(n=n, frm=_u(big, n), to=small[1])
                out.append(Item("unit-conversion", "to-small", ("to-small", big[0], small[0], n), "problem",
                                _cap(q), str(n * f)))
            for t in UNIT_T:   # small -> big: strip zeros
                q = t.format(n=n * f, frm=small[1], to=big[1])
                out.append(Item("unit-conversion", "to-big", ("to-big", big[0], small[0], n), "problem",
                                _cap(q), str(n)))
    for big, small, f in MULT:
        for n in range(1, 21):
            for t in UNIT_T:
                q = t.format(n=n, frm=_u(big, n), to=small[1])
                out.append(Item("unit-conversion", "multiply", ("multiply", big[0], small[0], n), "phrasing",
                                _cap(q), str(n * f)))
    return out


def _cap(s):
    return s[0].upper() + s[1:]


# ----------------------------------------------------------------------------------------------------------------------
# string manipulation

WORDS_TEXT = """
cat dog sun moon star tree book door fish bird frog lion bear wolf duck goat horse mouse house table chair apple grape
lemon melon peach plum bread water milk juice sugar salt honey cake candy river ocean lake hill field stone rock sand
cloud rain snow wind storm light dark night day week month year green blue red black white brown pink gold silver
paper pencil pen desk lamp clock phone radio music dance song voice smile laugh heart hand foot head face eye ear nose
mouth hair arm leg knee finger tooth king queen prince castle tower bridge road street city town village farm garden
flower grass leaf root seed plant forest jungle desert island beach coast planet rocket engine wheel truck train plane
boat ship bike car bus taxi driver pilot doctor nurse farmer baker singer player teacher student friend family mother
father sister brother baby child people animal tiger zebra monkey rabbit turtle snake spider insect eagle parrot shark
whale dolphin camel sheep cow pig chicken egg butter cheese pizza pasta rice bean corn carrot potato tomato onion
pepper orange banana cherry berry kiwi mango olive coffee tea soup salad dinner lunch picnic party game sport ball goal
team race winner prize medal ticket money coin bank market shop store price gift box bag basket bottle cup glass plate
spoon fork knife bowl pot pan oven stove fridge window wall floor roof garage kitchen bedroom sofa carpet mirror pillow
blanket shirt jacket coat dress skirt shoe sock hat glove scarf ring watch button pocket zipper string rope chain magnet
metal iron copper steel wood plastic cotton wool silk leather color shape circle square line point angle number letter
word story poem novel movie camera photo picture brush canvas artist actor author writer reader library school class
lesson test exam answer idea dream memory mind brain thought reason logic fact truth secret puzzle riddle magic spell
wizard dragon giant ghost robot alien space comet galaxy orbit gravity energy power force speed motion time hour minute
second summer winter spring autumn season morning evening noon today happy sad angry calm brave quiet loud fast slow
quick early late young old new fresh clean dirty warm cold hot cool soft hard heavy empty full rich poor strong weak
tall short long wide narrow deep simple easy bright sharp sweet sour bitter salty spicy round flat smooth rough yellow
purple violet jump run walk swim climb fly drive ride read write sing play cook bake wash paint draw build open close
push pull carry throw catch kick hold give take make find keep send buy sell pay win lose start finish stop listen
speak talk shout whisper think learn teach help work rest sleep wake eat drink plan grow jacket candle bucket hammer
ladder needle thread pocket saddle anchor harbor valley canyon meadow marble crystal diamond pearl ruby emerald
""".split()
WORDS = []
for _w in WORDS_TEXT:
    if 3 <= len(_w) <= 7 and _w.isalpha() and _w.islower() and _w not in WORDS:
        WORDS.append(_w)

STRING_T = {
    "reverse": (["Reverse the word {w}.", "Spell {w} backwards.", "What is {w} written backwards?"],
                lambda w: w[::-1]),
    "upper": (["Write the word {w} in capital letters.", "Convert {w} to uppercase.", "What is {w} in upper case?"],
              lambda w: w.upper()),
    "sort": (["Sort the letters of {w} alphabetically.", "Put the letters of {w} in alphabetical order.",
              "Arrange the letters of the word {w} alphabetically."],
             lambda w: "".join(sorted(w))),
    "length": (["How many letters are in the word {w}?", "Count the letters in {w}.", "How long is the word {w}?"],
               lambda w: str(len(w))),
    "first": (["What is the first letter of {w}?", "Which letter does {w} start with?",
               "What letter does the word {w} begin with?"], lambda w: w[0]),
    "last": (["What is the last letter of {w}?", "Which letter does {w} end with?",
              "What letter does the word {w} end with?"], lambda w: w[-1]),
}


def string_items(word, op):
    temps, fn = STRING_T[op]
    kind = "letter" if op in ("first", "last") else op
    return [Item("string-manipulation", kind, (op, word), "problem", t.format(w=word), fn(word)) for t in temps]


def string_manipulation():
    out = []
    for op in STRING_T:
        for w in WORDS:
            out.extend(string_items(w, op))
    return out


def pseudo_word(rng):
    """A random lowercase letter string (training-only augmentation so string operations are learnt as algorithms)."""
    n = rng.randint(3, 7)
    while True:
        w = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))
        if w not in WORDS_SET:
            return w


WORDS_SET = set(WORDS)


# ----------------------------------------------------------------------------------------------------------------------
# calendar

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
ORD = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th"]
CAL_FACTS = [("days", "a week", "7"), ("months", "a year", "12"), ("days", "a leap year", "366"),
             ("days", "a common year", "365"), ("weeks", "a year", "52"), ("days", "a fortnight", "14"),
             ("days", "February in a leap year", "29"), ("seasons", "a year", "4")]


DAY_AFTER_T = ["What day comes {n} after {d}?", "What day is it {n} after {d}?",
               "If today is {d}, what day will it be in {n}?", "Which day of the week is {n} after {d}?",
               "What weekday falls {n} after {d}?", "{N} after {d} is which day?", "Name the day {n} after {d}."]
DAY_BEFORE_T = ["What day comes {n} before {d}?", "What day is it {n} before {d}?",
                "If today is {d}, what day was it {n} ago?", "Which day of the week is {n} before {d}?",
                "What weekday falls {n} before {d}?", "{N} before {d} is which day?", "Name the day {n} before {d}."]
DAY_NEXT_T = ["What day comes after {d}?", "Which day follows {d}?", "What is the day after {d}?"]
DAY_PREV_T = ["What day comes before {d}?", "Which day precedes {d}?", "What is the day before {d}?"]
MONTH_NEXT_T = ["Which month comes after {m}?", "What month follows {m}?", "What is the month after {m}?",
                "Name the month after {m}.", "Which month is right after {m}?", "What month comes next after {m}?",
                "The month after {m} is which?"]
MONTH_PREV_T = ["Which month comes before {m}?", "What month precedes {m}?", "What is the month before {m}?",
                "Name the month before {m}.", "Which month is right before {m}?", "What month comes just before {m}?",
                "The month before {m} is which?"]
MONTH_AFTER_T = ["What month is {n} months after {m}?", "Which month comes {n} months after {m}?",
                 "What month will it be {n} months after {m}?", "Name the month {n} months after {m}.",
                 "{n} months after {m} is which month?"]
MONTH_BEFORE_T = ["What month is {n} months before {m}?", "Which month comes {n} months before {m}?",
                  "What month was it {n} months before {m}?", "Name the month {n} months before {m}.",
                  "{n} months before {m} is which month?"]
MONTH_DAYS_T = ["How many days are in {m}?", "How many days does {m} have?", "How many days are there in {m}?",
                "What is the number of days in {m}?", "{m} has how many days?"]
ORDINAL_T = ["What is the {o} month of the year?", "Which month is the {o} month of the year?",
             "Name the {o} month of the year.", "The {o} month of the year is which month?", "What is the {o} month?"]
NUMBER_T = ["What number is the month of {m}?", "Which number month is {m}?",
            "{m} is which month of the year, by number?", "What is the month number of {m}?",
            "What month number is {m}?"]
FACT_T = ["How many {u} are in {x}?", "How many {u} does {x} have?", "{X} has how many {u}?",
          "What is the number of {u} in {x}?", "Tell me how many {u} are in {x}."]


def calendar():
    out = []
    C = "calendar"
    for i, d in enumerate(DAYS):
        for n in range(1, 7):       # within a week
            nd = "1 day" if n == 1 else "%d days" % n
            qa = [t.format(n=nd, N=_cap(nd), d=d) for t in DAY_AFTER_T]
            qb = [t.format(n=nd, N=_cap(nd), d=d) for t in DAY_BEFORE_T]
            if n == 1:
                qa += [t.format(d=d) for t in DAY_NEXT_T]
                qb += [t.format(d=d) for t in DAY_PREV_T]
            out += [Item(C, "day-offset", ("day+", d, n), "phrasing", q, DAYS[(i + n) % 7]) for q in qa]
            out += [Item(C, "day-offset", ("day-", d, n), "phrasing", q, DAYS[(i - n) % 7]) for q in qb]
    for i, m in enumerate(MONTHS):
        out += [Item(C, "month-next", ("month+", m, 1), "phrasing", t.format(m=m), MONTHS[(i + 1) % 12])
                for t in MONTH_NEXT_T]
        out += [Item(C, "month-next", ("month-", m, 1), "phrasing", t.format(m=m), MONTHS[(i - 1) % 12])
                for t in MONTH_PREV_T]
        for n in range(2, 7):
            out += [Item(C, "month-offset", ("month+", m, n), "phrasing", _cap(t.format(n=n, m=m)),
                         MONTHS[(i + n) % 12]) for t in MONTH_AFTER_T]
            out += [Item(C, "month-offset", ("month-", m, n), "phrasing", _cap(t.format(n=n, m=m)),
                         MONTHS[(i - n) % 12]) for t in MONTH_BEFORE_T]
        out += [Item(C, "month-days", ("days-in", m), "phrasing", t.format(m=m), str(MONTH_DAYS[i]))
                for t in MONTH_DAYS_T]
        out += [Item(C, "month-number", ("ordinal", m), "phrasing", t.format(o=ORD[i]), m) for t in ORDINAL_T]
        out += [Item(C, "month-number", ("number", m), "phrasing", t.format(m=m), str(i + 1)) for t in NUMBER_T]
    for unit, thing, ans in CAL_FACTS:
        out += [Item(C, "facts", ("fact", unit, thing), "phrasing", t.format(u=unit, x=thing, X=_cap(thing)), ans)
                for t in FACT_T]
    return out


# ----------------------------------------------------------------------------------------------------------------------
# capitals

# (country, needs "the", capital)
COUNTRIES = [
    ("France", 0, "Paris"), ("Germany", 0, "Berlin"), ("Italy", 0, "Rome"), ("Spain", 0, "Madrid"),
    ("Portugal", 0, "Lisbon"), ("United Kingdom", 1, "London"), ("Ireland", 0, "Dublin"),
    ("Netherlands", 1, "Amsterdam"), ("Belgium", 0, "Brussels"), ("Switzerland", 0, "Bern"),
    ("Austria", 0, "Vienna"), ("Poland", 0, "Warsaw"), ("Czechia", 0, "Prague"), ("Hungary", 0, "Budapest"),
    ("Greece", 0, "Athens"), ("Sweden", 0, "Stockholm"), ("Norway", 0, "Oslo"), ("Denmark", 0, "Copenhagen"),
    ("Finland", 0, "Helsinki"), ("Iceland", 0, "Reykjavik"), ("Russia", 0, "Moscow"), ("Ukraine", 0, "Kyiv"),
    ("Romania", 0, "Bucharest"), ("Bulgaria", 0, "Sofia"), ("Serbia", 0, "Belgrade"), ("Croatia", 0, "Zagreb"),
    ("Slovakia", 0, "Bratislava"), ("Slovenia", 0, "Ljubljana"), ("Estonia", 0, "Tallinn"), ("Latvia", 0, "Riga"),
    ("Lithuania", 0, "Vilnius"), ("Turkey", 0, "Ankara"), ("Egypt", 0, "Cairo"), ("Morocco", 0, "Rabat"),
    ("Algeria", 0, "Algiers"), ("Tunisia", 0, "Tunis"), ("Nigeria", 0, "Abuja"), ("Kenya", 0, "Nairobi"),
    ("Ethiopia", 0, "Addis Ababa"), ("Ghana", 0, "Accra"), ("Senegal", 0, "Dakar"), ("Uganda", 0, "Kampala"),
    ("Zimbabwe", 0, "Harare"), ("Angola", 0, "Luanda"), ("Japan", 0, "Tokyo"), ("China", 0, "Beijing"),
    ("India", 0, "New Delhi"), ("South Korea", 0, "Seoul"), ("Thailand", 0, "Bangkok"), ("Vietnam", 0, "Hanoi"),
    ("Indonesia", 0, "Jakarta"), ("Philippines", 1, "Manila"), ("Malaysia", 0, "Kuala Lumpur"),
    ("Pakistan", 0, "Islamabad"), ("Bangladesh", 0, "Dhaka"), ("Nepal", 0, "Kathmandu"), ("Iran", 0, "Tehran"),
    ("Iraq", 0, "Baghdad"), ("Saudi Arabia", 0, "Riyadh"), ("Jordan", 0, "Amman"), ("Lebanon", 0, "Beirut"),
    ("Qatar", 0, "Doha"), ("Afghanistan", 0, "Kabul"), ("Mongolia", 0, "Ulaanbaatar"), ("Cambodia", 0, "Phnom Penh"),
    ("Uzbekistan", 0, "Tashkent"), ("Australia", 0, "Canberra"), ("New Zealand", 0, "Wellington"),
    ("Canada", 0, "Ottawa"), ("Mexico", 0, "Mexico City"), ("Cuba", 0, "Havana"), ("Jamaica", 0, "Kingston"),
    ("Brazil", 0, "Brasilia"), ("Argentina", 0, "Buenos Aires"), ("Chile", 0, "Santiago"), ("Peru", 0, "Lima"),
    ("Colombia", 0, "Bogota"), ("Venezuela", 0, "Caracas"), ("Ecuador", 0, "Quito"), ("Uruguay", 0, "Montevideo"),
]

CAPITAL_T = ["What is the capital of {of}?", "What's the capital of {of}?", "Name the capital city of {of}.",
             "{Poss} capital is which city?", "Which city is the capital of {of}?", "Tell me the capital of {of}.",
             "What city is the capital of {of}?", "The capital of {of} is what city?", "What is {poss} capital city?",
             "Capital of {of}?", "Which city serves as the capital of {of}?", "What is the capital city of {of}?",
             "Do you know the capital of {of}?", "Give the capital of {of}."]


def capitals():
    out = []
    for country, the, cap in COUNTRIES:
        of = ("the " if the else "") + country
        poss = of + ("'" if country.endswith("s") else "'s")
        for t in CAPITAL_T:
            q = t.format(of=of, poss=poss, Poss=_cap(poss))
            out.append(Item("capitals", "capital", ("capital", country), "phrasing", q, cap))
    return out


GENERATORS = OrderedDict([("arithmetic", arithmetic), ("unit-conversion", unit_conversion),
                          ("string-manipulation", string_manipulation), ("calendar", calendar),
                          ("capitals", capitals)])

# evaluation questions per kind (profile + test together); and for phrasing mode: (max held out per fact,
# min phrasings of the fact left in training)
EVAL_PLAN = {
    "arithmetic": {"add": 110, "sub": 110, "mul": 80},
    "unit-conversion": {"to-small": 110, "to-big": 80, "multiply": 110},
    "string-manipulation": {"reverse": 60, "upper": 60, "sort": 60, "length": 60, "letter": 60},
    "calendar": {"day-offset": 80, "month-next": 24, "month-offset": 110, "month-days": 12, "month-number": 24,
                 "facts": 8},
    "capitals": {"capital": 320},
}
PHRASING_LIMITS = {"capitals": (4, 10), "calendar": (1, 4), "arithmetic": (1, 4)}   # others: (no limit, 1)


def split_skill(skill, seed):
    """Returns (eval_items with .split set as attribute tuple list [(item, split)], train_by_kind dict kind -> items)."""
    items = GENERATORS[skill]()
    rng = random.Random("split:%s:%d" % (skill, seed))
    by_kind = OrderedDict()
    for it in items:
        by_kind.setdefault(it.kind, OrderedDict()).setdefault(it.fact, []).append(it)
    seen_q = set()
    for it in items:
        assert it.question not in seen_q, "duplicate question " + it.question
        seen_q.add(it.question)
    eval_out, train = [], OrderedDict()
    for kind, facts in by_kind.items():
        want = EVAL_PLAN[skill][kind]
        chosen = []
        held_facts = set()
        held_q = set()
        fact_keys = list(facts.keys())
        rng.shuffle(fact_keys)
        mode = facts[fact_keys[0]][0].mode
        if mode == "problem":
            for fk in fact_keys[:want]:
                chosen.append(rng.choice(facts[fk]))
                held_facts.add(fk)
        else:
            max_eval, min_train = PHRASING_LIMITS.get(skill, (None, 1))
            cands = [it for fk in fact_keys for it in facts[fk]]
            rng.shuffle(cands)
            per_fact = {}
            for it in cands:
                if len(chosen) >= want:
                    break
                n = per_fact.get(it.fact, 0)
                total = len(facts[it.fact])
                if (max_eval is None or n < max_eval) and total - n - 1 >= min_train:
                    per_fact[it.fact] = n + 1
                    chosen.append(it)
                    held_q.add(it.question)
        assert len(chosen) == want, (skill, kind, len(chosen), want)
        rng.shuffle(chosen)
        for i, it in enumerate(chosen):
            eval_out.append((it, "profile" if i % 2 == 0 else "test"))
        train[kind] = [it for fk in facts for it in facts[fk]
                       if fk not in held_facts and it.question not in held_q]
    return eval_out, train
