"""Shares, weights, words and the marked cases of the generated data set."""

from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DEMO_CVR = "12345607"
DEMO_NAME = "Demo Café ApS"
MEDIUM_MARK = "Bench: case with about 20 events"
BIG_MARK = "Bench: case with about 2,000 events"
CHUNK = 20_000
# Decided decision tasks (``Decision`` rows) per case at this shape: 303,517 at 200,000
# cases, 30,311 at 20,000 (seed 1); ``--decided-tasks`` sizes the run with it.
DECISIONS_PER_CASE = 1.515

TRACK_SHARES = [  # track, share, channels (channel, weight)
    ("immediate", 0.20, [("digital", 40), ("phone", 40), ("counter", 20)]),
    ("self_service", 0.46, [("digital", 100)]),
    ("assisted", 0.22, [("phone", 60), ("counter", 40)]),
    ("pilot", 0.09, [("digital", 60), ("phone", 25), ("counter", 15)]),
    ("star_meeting", 0.03, [("digital", 70), ("phone", 20), ("counter", 10)]),
]

# Relative frequency of each catalogue service among the cases that ask for it.
SERVICE_WEIGHTS = {
    "outdoor_serving": 14,
    "a_sign": 11,
    "road_occupation": 8,
    "trade_parking_permit": 8,
    "street_vending": 5,
    "event_public_space": 5,
    "facade_sign": 6,
    "building_permit_minor": 5,
    "kitchen_ventilation": 4,
    "construction_noise_notice": 6,
    "soil_contamination_notice": 2,
    "restaurant_music_noise": 4,
    "sports_facility_event": 3,
    "recruitment_support": 3,
    "international_recruitment": 3,
    "lease_municipal_premises": 2,
    "change_of_use_restaurant": 3,
    "environmental_permit": 1,
    "home_care_provider_approval": 1,
    "business_pilot": 2,
    "buy_municipal_plot": 1,
}
IMMEDIATE_WEIGHTS = {
    "cafe_permits_guide": 5,
    "sign_rules": 3,
    "business_start_guide": 6,
    "international_business_guide": 2,
    "opening_hours_waste": 3,
}
# Caseworkers per department at 200,000 cases (scaled with the volume, at least two).
CASEWORKERS_AT_200K = {
    "city_use": 20,
    "environment": 12,
    "building": 10,
    "traffic": 5,
    "parking": 5,
    "kes": 10,
}

WORDS_A = [
    "Nordhavn",
    "Vester",
    "Amager",
    "Nørrebro",
    "Østerbro",
    "Valby",
    "Frederiksberg",
    "Sydhavn",
    "Christianshavn",
    "Bispebjerg",
    "Brønshøj",
    "Havne",
    "Kongens",
    "Torve",
    "Strand",
    "Lille",
    "Store",
    "Gamle",
    "Nye",
    "Grønne",
    "Blå",
    "Røde",
    "Gyldne",
]
WORDS_B = [
    "Café",
    "Bageri",
    "Bistro",
    "Tømrer",
    "VVS",
    "Frisør",
    "Kiosk",
    "Vinbar",
    "Køkken",
    "Byg",
    "Event",
    "Design",
    "Data",
    "Rådgivning",
    "Blomster",
    "Cykler",
    "Is",
    "Pizza",
    "Smørrebrød",
    "Kaffe",
    "Maler",
    "El",
    "Rengøring",
    "Foto",
    "Yoga",
    "Atelier",
]
FORMS = ["ApS", "ApS", "ApS", "A/S", "I/S", "IVS", "v/ Hansen", "K/S"]
STREETS = [
    "Vesterbrogade",
    "Nørrebrogade",
    "Amagerbrogade",
    "Østerbrogade",
    "Gothersgade",
    "Istedgade",
    "Jagtvej",
    "Enghavevej",
    "Frederikssundsvej",
    "Valby Langgade",
    "Strandboulevarden",
    "Islands Brygge",
    "Store Kongensgade",
    "Blegdamsvej",
]
POSTCODES = [
    ("1620", "København V"),
    ("2200", "København N"),
    ("2300", "København S"),
    ("2100", "København Ø"),
    ("1300", "København K"),
    ("2500", "Valby"),
    ("2400", "København NV"),
    ("2700", "Brønshøj"),
    ("1050", "København K"),
]
FIRST = [
    "Anne",
    "Mette",
    "Lars",
    "Søren",
    "Jens",
    "Camilla",
    "Sofie",
    "Mads",
    "Ida",
    "Peter",
    "Louise",
    "Rasmus",
    "Maria",
    "Henrik",
    "Line",
    "Thomas",
    "Emma",
    "Jonas",
    "Freja",
]
LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
]
DESCRIPTIONS = [
    "Vi vil gerne stille borde og stole ud foran caféen i sommerhalvåret.",
    "Vi åbner en ny butik og vil gerne sætte et skilt op på facaden.",
    "Ansøgning om midlertidig råden over vejareal i forbindelse med en byggeplads.",
    "Vi holder gadefest for kunderne og skal bruge en del af pladsen en lørdag.",
    "Vi skal ombygge køkkenet og sætte nyt ventilationsanlæg op.",
    "We are opening a small restaurant and need to know which permits apply.",
    "Håndværkerparkering ved kunder i indre by i de næste tre måneder.",
    "Vi vil gerne have hjælp til at komme i gang med ansættelse af medarbejdere.",
    "Ombygning af butikslokale til restaurant med udeservering.",
    "Spørgsmål om regler for skilte og varer på fortovet.",
]
STATEMENTS = {
    "approved": "Ansøgningen er godkendt som søgt.",
    "approved_with_conditions": "Ansøgningen er godkendt på de vilkår, der står nedenfor.",
    "rejected": "Ansøgningen kan ikke godkendes, fordi projektet ikke overholder reglerne.",
}
