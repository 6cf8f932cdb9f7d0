#!/usr/bin/env python3
"""Generate the synthetic HSDS 3.0 community directory for Lancaster (and Morecambe,
Heysham, Carnforth) used by the CYP social prescribing backend.

Everything here is invented: organisation names, venues, street addresses, people,
postcodes and coordinates. Phone numbers are in Ofcom's drama ranges and email
addresses are on example.org. The only real identifiers are the OpenActive Activity
List concept ids (CC BY 4.0, https://github.com/openactive/activity-list), copied
below and verified against data/activity-list.jsonld at commit
88b9f45a467035d29aed72381b854949ea825bb2 (2024-05-10).

Output is deterministic: ids are uuid5 values in a fixed namespace and every
"random" choice comes from a seeded random.Random, so re-running the script
reproduces byte-identical files.

Usage:
    python3 generate-synthetic.py [--out DIR]
        [--activity-list path/to/activity-list.jsonld]   # optional re-verification
        [--schema path/to/schema/compiled/service.json]   # optional jsonschema check

Written for Python 3.8+ with the standard library only; jsonschema is used only
if --schema is given and the package is installed.
"""
import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import random
import re
import sys
import uuid

GENERATOR_VERSION = "1.0.0"
REFERENCE_DATE = dt.date(2026, 12, 1)  # "today" for the data set's freshness
FRESH_DAYS = 183                        # about six months
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://cyp-social-prescribing.nhs.example/directory/synthetic")
SEED = 20261201


def uid(*parts):
    """Deterministic UUID (v5) from a path of parts."""
    return str(uuid.uuid5(NS, "/".join(str(p) for p in parts)))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and").replace("+", "plus")).strip("-")


# --------------------------------------------------------------------------------------
# Taxonomies
# --------------------------------------------------------------------------------------

OPENACTIVE_URI = "https://openactive.io/activity-list"
NEEDS_URI = "https://cyp-social-prescribing.nhs.example/taxonomy/needs"
CATEGORIES_URI = "https://cyp-social-prescribing.nhs.example/taxonomy/service-categories"

# notation: (OpenActive identifier, prefLabel, definition, broader URIs) -- verified
# against openactive/activity-list data/activity-list.jsonld (see module docstring).
OPENACTIVE_TERMS = {
    'football': ('0a5f732d-e806-4e51-ad40-0a7de0239c8c', 'Football', "Football is widely considered to be the most popular sport in the world. The beautiful game is England's national sport.", []),
    'futsal': ('1de4c90e-6a27-4bc4-a2be-437a443c7ded', 'Futsal', 'Futsal is the global format for indoor small-sided football and the worlds fastest growing indoor sport.', ['https://openactive.io/activity-list#0a5f732d-e806-4e51-ad40-0a7de0239c8c']),
    'swimming': ('2750229d-b725-4171-9276-376be913957c', 'Swimming', 'Swimming is an excellent form of exercise as it gives a full-body workout.', []),
    'climbing': ('d09970bc-e11c-40cc-a594-38e4ff32d611', 'Climbing', 'This is the act of climbing single- or multi-pitch routes, protected by permanently-fixed bolts and anchors drilled into the rock, using a rope and the aid of a belayer', []),
    'bouldering': ('ef33414f-b228-4b65-b5e1-329c0215490d', 'Bouldering', 'Bouldering is rock climbing stripped down to its raw essentials. Leaving behind ropes and harnesses and just using climbing shoes and a bag of chalk over safety mats, your challenge is to climb short but tricky bouldering "problems" (a route, or sequence of moves) using balance, technique, strength, and your brain.', ['https://openactive.io/activity-list#d09970bc-e11c-40cc-a594-38e4ff32d611']),
    'dance': ('6ca15167-51da-4d91-a1ae-8a45dc47b0ea', 'Dance', 'Dance is an art form that generally refers to movement of the body, usually rhythmic and to music, used as a form of expression, social interaction or presented in a spiritual or performance setting.', []),
    'street_dance': ('85ddf0e4-115d-4c0b-9bca-4c3b4b635bb2', 'Street Dance', 'This is an informal style of dancing with energetic movements, that was developed outside in the street or in nightclubs; one of the different forms of this style of dancing : Breakdancing is a street dance style that evolved as part of the hip hop movement in the 1970s', ['https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea']),
    'ballet': ('1ae7395a-27a7-4e33-9f6d-a1a6c17d0757', 'Ballet', 'Ballet is a classical dance form characterized by grace and precision of movement and by elaborate formal gestures, steps, and poses.', ['https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea']),
    'yoga': ('bf1a5e00-cdcf-465d-8c5a-6f57040b7f7e', 'Yoga', 'Yoga is an ancient form of exercise that focuses on strength, flexibility and breathing to boost physical and mental wellbeing.', ['https://openactive.io/activity-list#984068a7-5b7b-4989-bb33-f96953d8960c']),
    'boxing': ('d4417bb3-383f-489b-b0c7-731b82f3b220', 'Boxing', "Boxing is fast, technical and requires very high levels of fitness. Scoring is based around technique with bouts decided by judges and the result is based on the number of punches that land in a 'target area'.", []),
    'netball': ('fbdc35a8-3dd0-40ee-a7ca-6ff40b3e5f90', 'Netball', 'Netball is a team game which involves shooting a ball through a hoop', []),
    'cycling': ('4a19873e-118e-43f4-b86e-05acba8fb1de', 'Cycling', 'Cycling is a great sport, loved by millions around the world.', []),
    'mountain_biking': ('8302ec84-3d0b-44cb-b622-254596d37086', 'Mountain Biking', 'Mountain biking involves cycling off road.', []),
    'bmx_racing': ('d30c3317-7562-4be6-8e31-b82434fd6690', 'Bmx Racing', 'BMX racing is a type of off-road bicycle racing.', ['https://openactive.io/activity-list#4a19873e-118e-43f4-b86e-05acba8fb1de']),
    'walking': ('95092977-5a20-4d6e-b312-8fddabe71544', 'Walking', 'Walking is the easiest, most accessible, cost effective, and enjoyable way for most people to increase their physical activity.', []),
    'hiking': ('619f374a-c1b6-48d2-aabe-a01b6dedb9fd', 'Hiking', 'This is the activity of going for long walks, especially across country.', ['https://openactive.io/activity-list#95092977-5a20-4d6e-b312-8fddabe71544']),
    'martial_arts': ('2330f2d4-d0dc-4231-8dd9-07d37a452228', 'Martial Arts', 'These are various sports, which originated chiefly in Japan, Korea, and China as forms of self-defence or attack, such as judo, karate, and kendo.', []),
    'judo': ('1653aaaf-cb1e-4611-b45e-95a32d4a7db5', 'Judo', 'Judo is an dynamic combat sport represented in the Olympics.', ['https://openactive.io/activity-list#2330f2d4-d0dc-4231-8dd9-07d37a452228']),
    'karate': ('50e6f8dc-59a8-4899-af75-7ac344a85a06', 'Karate', 'Karate is a striking martial art', ['https://openactive.io/activity-list#2330f2d4-d0dc-4231-8dd9-07d37a452228']),
    'taekwondo': ('9bc83d83-c651-4f37-b7e8-8ae4885d1899', 'Taekwondo', 'Taekwondo is a Korean martial art.', ['https://openactive.io/activity-list#2330f2d4-d0dc-4231-8dd9-07d37a452228']),
    'kickboxing': ('6901af47-aed9-45e4-8d9f-fc71199a64df', 'Kickboxing', 'Kickboxing is a martial art that predominately involves kicking.', ['https://openactive.io/activity-list#2330f2d4-d0dc-4231-8dd9-07d37a452228']),
    'rugby_union': ('9e143963-8f17-41ab-8915-3828c5a9ddae', 'Rugby Union', 'Rugby union is a contact sport where aim is to use the ball to score more points than the other team.', ['https://openactive.io/activity-list#5d528d2f-83df-482e-bfb9-fcaee5b85f4a']),
    'tag_rugby': ('e5772d77-79cd-45fa-97b9-10dd86a78dc7', 'Tag Rugby', 'Tag Rugby is a minimal-contact team game in which each player wears shorts with Velcro patches with two tags attached to them. The mode of play is similar to Rugby League or Touch Rugby with attacking players attempting to dodge, evade and pass a rugby ball while defenders attempt to prevent them scoring by “tagging” – pulling a velcro attached tag from the ball carrier.', ['https://openactive.io/activity-list#5d528d2f-83df-482e-bfb9-fcaee5b85f4a']),
    'cricket': ('77e3f8fa-c8b3-4e4e-bf1a-ff4b914bb6ec', 'Cricket', "The aim of the batting team is to score as many 'runs' as possible - running between the wickets, exchanging ends with a second batsman (the non-striker), who has been waiting near the bowler's wicket.", []),
    'basketball': ('e09776e6-f1b4-421b-b667-5c5913cf97aa', 'Basketball', "Basketball is a game played by two teams of usually five players each on a rectangular court having a raised basket or goal at each end, points being scored by tossing the ball through the opponent's basket.", []),
    'wheelchair_basketball': ('bd661e66-7781-4934-90f4-8655d07eebd7', 'Wheelchair Basketball', 'Wheelchair basketball retains most major rules and scoring of basketball, and maintains a 10-foot basketball hoop and standard basketball court.', ['https://openactive.io/activity-list#e09776e6-f1b4-421b-b667-5c5913cf97aa']),
    'gymnastics': ('f6ccded0-2666-4a51-88a4-ed6905bb4313', 'Gymnastics', 'Gymnastics is an acrobatic sport which requires strength, agility and co-ordination.', []),
    'trampolining': ('0082b27f-8be5-4ade-ae1f-5f0b2be9e164', 'Trampolining', 'Trampolining is a competitive Olympic sport in which gymnasts perform acrobatics while bouncing on a trampoline.', []),
    'athletics': ('4d280e1b-a370-4582-ab4d-442b2eeaf5d4', 'Athletics', 'Athletics is a collection of track and field events that involve running, jumping and throwing.', []),
    'running': ('72ddb2dc-7d75-424e-880a-d90eabe91381', 'Running', 'Running is a form of exercise that can be done at anytime and anywhere.', []),
    'tennis': ('f2ea7405-6098-4378-b0fe-4e398a659fc4', 'Tennis', 'Tennis involves hitting a ball over a net using a racket.', []),
    'badminton': ('c0360db0-a817-4bae-9167-40f89b49fc9e', 'Badminton', 'Badminton is a racket sport that involves hitting a shuttlecock over a net on indoor courts. Points are scored when the opponent is unable to return the shuttlecock before it hits the floor.', []),
    'table_tennis': ('1a05993d-b206-4efe-85da-646fa340bdf4', 'Table Tennis', 'Table tennis is an Olympic sport where two for four players hit a ball with paddles back and forth to each other on a table which is divided with a net.', []),
    'hockey': ('fbb36017-6222-4af2-8186-392e3da0a418', 'Hockey', 'Team, ball game played with sticks.', []),
    'skateboarding': ('50feff1b-790f-4f0f-9c07-0314557897c4', 'Skateboarding', 'Skateboarding is an action sport which involves riding and performing tricks using a skateboard.', ['https://openactive.io/activity-list#ea53d9f6-ae79-4b4d-ac66-8afcf2845926']),
    'orienteering': ('b2d5619e-56a7-4c40-b691-7f946f6ff5df', 'Orienteering', 'Orienteering is a challenging outdoor adventure sport', []),
    'canoeing': ('e0425262-6f1d-4c58-ba8a-dd790c5351b1', 'Canoeing', 'Canoeing involves using a paddle to move across the water in a narrow vessel.', []),
    'kayaking': ('598ceb23-216c-4f8a-9a7a-0eef6e3a4ae8', 'Kayaking', 'In all forms of kayaking you use a double bladed paddle and will be in a seated position with your legs in front of you.', []),
    'parkour': ('293f2c7f-19fd-4db1-921c-e37867ae9839', 'Parkour', 'Parkour / Freerunning / Art du Deplacement is the non-competitive physical discipline of training to move freely over and through any terrain using only the abilities of the body, principally through running, jumping, climbing and quadrupedal movement.', []),
    'sailing': ('6bb8b844-df3e-4cae-bf5f-3e129c6b1a9d', 'Sailing', 'Sailing and windsurfing are two great sports for getting you active and energetic, outside in the fresh air.', []),
    'stand_up_paddleboarding': ('12e7315a-3182-415b-aaf3-923d23adfdf8', 'Stand Up Paddleboarding', 'Unlike traditional surfing where the rider is sitting until a wave comes, stand up paddle boarders maintain an upright stance on their boards and use a paddle to propel themselves through the water.', ['https://openactive.io/activity-list#ba5381a0-c981-4879-9b44-8b18e922c412']),
    'rowing': ('d2733a1c-662c-427a-a270-400171c07320', 'Rowing', 'Rowing can be either recreational or competitive, indoor or outdoor.', []),
    'circus_skills': ('27422896-7cca-4e1f-8071-117838e70148', 'Circus Skills', 'These are skills often seen performed in circus shows - there are a large number of organisations both in the UK and internationally that offer classes in these skills to all levels and ages including amateurs and professionals', []),
    'gardening': ('5b880e93-4a16-4c37-86ac-ba2ffba68358', 'Gardening', 'the activity of tending and cultivating a garden, especially as a pastime', []),
    'forest_school': ('9d8d84b4-3a0b-497b-aefa-c7ae723d262f', 'Forest School', 'Forest School is an inspirational process, that offers ALL learners regular opportunities to achieve and develop confidence and self-esteem through hands-on learning experiences in a woodland or natural environment with trees.', []),
    'multisports': ('26a7b902-1ddd-46fd-9371-853e414c9eb3', 'Multisports', 'A mixture of sporting activities taking place within a session/programme.', []),
    'circuit_training': ('d22d1d7d-8a2f-4e18-88c8-80abcbdded9d', 'Circuit Training', 'This is a combination of six or more exercises performed with short rest periods between them for either a set number of repetitions or a prescribed amount of time. One circuit is when all of the chosen exercises have been completed, but a session can include multiple circuits', ['https://openactive.io/activity-list#261395e5-9e11-4348-8bef-e0fafef0e765']),
    'tai_chi': ('c16df6ed-a4a0-4275-a8c3-1c8cff56856f', 'Tai Chi', 'Tai chi combines deep breathing and relaxation with slow and gentle movements.', ['https://openactive.io/activity-list#2330f2d4-d0dc-4231-8dd9-07d37a452228']),
    'ultimate_frisbee': ('8088e8a5-2b29-4e64-a1b2-857576e36818', 'Ultimate Frisbee', 'Ultimate is an exciting, non-contact team sport.', []),
    'volleyball': ('065c8564-144a-4833-b95a-db8550e6ac86', 'Volleyball', 'Volleyball is an Olympic team sport in which two teams of 6 players are separated by a net.', []),
    'boccia': ('611363c5-8acf-4eeb-aeba-c33e9c70146e', 'Boccia', 'The aim of the game is to throw leather balls - coloured red or blue as close as you can to a white target ball, or jack.', []),
    'archery': ('343f01cb-a2e8-48e8-9c0f-dcc7fbaf7ce4', 'Archery', 'Archery involves using a bow and arrow to hit a stationary target. Points are then scored based on the position the arrow lands on the target.', []),
    'rounders': ('212e6f20-e6f7-4724-96dc-b5a51f913380', 'Rounders', "The sport of Rounders is a fun, exciting, striking and fielding team game, where points known as 'Rounders' are scored by a player hitting a ball and then completing a circuit of the track.", []),
    'dodgeball': ('f38d52ca-3c19-4194-b115-1261b3491d44', 'Dodgeball', 'Dodgeball is a game in which players try to hit other players on the opposing team with balls while avoiding being hit themselves.', []),
}

# The referral reasons of the service (REFERRAL_REASONS minus 'other').
NEEDS = {
    "anxiety": ("Anxiety", "Worry, nervousness or fear that gets in the way of everyday life, including social anxiety and panic."),
    "low_mood": ("Low mood", "Feeling sad, flat, unmotivated or withdrawn for a sustained period."),
    "social_isolation": ("Social isolation", "Few friends or social contacts, loneliness, or difficulty joining in with others."),
    "bereavement": ("Bereavement", "Grief following the death of someone important, including a parent, sibling, friend or carer."),
    "bullying": ("Bullying", "Being bullied in person or online, or recovering from the effects of bullying."),
    "self_esteem": ("Self-esteem", "Low confidence or a poor view of oneself, abilities or body image."),
    "peer_pressure": ("Peer pressure", "Pressure from peers towards risky behaviour, exploitation, substances or antisocial behaviour."),
    "relationships": ("Relationships", "Difficulties making or keeping friendships or other relationships."),
    "family_difficulties": ("Family difficulties", "Conflict, separation, illness or other strain within the family."),
    "anger": ("Anger", "Difficulty managing anger or frustration, or aggressive outbursts."),
    "sleep": ("Sleep", "Difficulty getting to sleep, staying asleep, or unhealthy sleep routines."),
    "school_attendance": ("School attendance", "Missing school, emotionally based school avoidance, or difficulty engaging with education."),
    "weight_management": ("Weight management", "Support towards a healthy weight through activity, eating habits and lifestyle."),
    "transition": ("Transition", "Moving between life stages, such as primary to secondary school, or school to college or work."),
}

CATEGORIES = {
    "sport": ("Sport and physical activity", "Sports clubs, physical activity sessions and active recreation."),
    "arts_creative": ("Arts and creative", "Art, craft, writing, circus and other creative activities."),
    "music": ("Music", "Singing, playing instruments, bands and music production."),
    "drama": ("Drama and theatre", "Youth theatre, drama and performance groups."),
    "dance": ("Dance", "Dance classes and groups."),
    "youth_club": ("Youth club", "Open-access and targeted youth clubs and youth work."),
    "uniformed_group": ("Uniformed group", "Scouting, guiding and similar uniformed youth organisations."),
    "nature_outdoors": ("Nature and outdoors", "Gardening, conservation, forest school and outdoor adventure."),
    "peer_support": ("Peer support", "Groups and mentoring where young people support one another, facilitated by trained staff."),
    "counselling": ("Counselling and therapy", "One-to-one or group talking therapies with qualified practitioners."),
    "wellbeing_workshop": ("Wellbeing workshop", "Short courses and workshops on sleep, mindfulness, worry and emotional wellbeing."),
    "bereavement_support": ("Bereavement support", "Support groups and activities for bereaved children, young people and families."),
    "young_carers": ("Young carers", "Support and respite for young people who care for a family member."),
    "lgbtq_youth": ("LGBTQ+ youth", "Groups for lesbian, gay, bisexual, trans, queer and questioning young people."),
    "anti_bullying": ("Anti-bullying", "Support for young people affected by bullying and projects to prevent it."),
    "parent_child": ("Parent and child", "Groups that children attend with a parent or carer."),
    "healthy_lifestyle": ("Healthy lifestyle", "Healthy eating, cooking and activity programmes, including weight management."),
    "transition_programme": ("Transition programme", "Programmes supporting moves between school phases or into college and work."),
    "inclusive_disability": ("Inclusive and disability", "Sessions designed for disabled young people or those with additional needs."),
    "education_support": ("Education support", "Mentoring and groups that help young people back into school or learning."),
}

TAXONOMIES = {
    "openactive": {
        "id": uid("taxonomy", OPENACTIVE_URI),
        "name": "OpenActive Activity List",
        "description": "The OpenActive standard list of physical activities (a SKOS concept scheme). "
                       "Published by OpenActive under CC BY 4.0; term codes are the OpenActive concept identifiers.",
        "uri": OPENACTIVE_URI,
        "version": "2024-05-10",
    },
    "needs": {
        "id": uid("taxonomy", NEEDS_URI),
        "name": "CYP Social Prescribing Needs",
        "description": "Needs addressed by a service. Term codes are exactly the referral reasons of the "
                       "children and young people's social prescribing service (excluding 'other').",
        "uri": NEEDS_URI,
        "version": "1.0.0",
    },
    "categories": {
        "id": uid("taxonomy", CATEGORIES_URI),
        "name": "CYP Social Prescribing Service Categories",
        "description": "A small local taxonomy of service types used to browse the community directory.",
        "uri": CATEGORIES_URI,
        "version": "1.0.0",
    },
}


def openactive_term(notation):
    ident, label, definition, broader = OPENACTIVE_TERMS[notation]
    term_uri = OPENACTIVE_URI + "#" + ident
    term = {
        "id": uid("taxonomy_term", term_uri),
        "code": ident,
        "name": label,
        "description": definition or label,
        "taxonomy": OPENACTIVE_URI,
        "language": "en",
        "taxonomy_id": TAXONOMIES["openactive"]["id"],
        "term_uri": term_uri,
    }
    return term, broader


def local_term(kind, code):
    table = NEEDS if kind == "needs" else CATEGORIES
    name, description = table[code]
    tax = TAXONOMIES[kind]
    term_uri = tax["uri"] + "#" + code
    return {
        "id": uid("taxonomy_term", term_uri),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": tax["uri"],
        "language": "en",
        "taxonomy_id": tax["id"],
        "term_uri": term_uri,
    }


# --------------------------------------------------------------------------------------
# Places (all invented; any match with a real address or postcode is coincidence)
# --------------------------------------------------------------------------------------

TOWN_CENTRE = (54.0470, -2.8010)  # Lancaster, roughly

# key: (venue name, address_1, town, postcode, latitude, longitude, transport note, access level)
# access level: 0 = fully step-free, 1 = step-free ground floor only, 2 = limited access
VENUES = {
    # LA1 - Lancaster
    "riverside_pf": ("Riverside Playing Fields Pavilion", "Lune Meadow Road", "Lancaster", "LA1 2QE", 54.0585, -2.8125, "Bus stop on Lune Meadow Road, 150 m. Cycle racks by the pavilion.", 0),
    "castle_hill_cc": ("Castle Hill Community Centre", "14 Keep Street", "Lancaster", "LA1 1YN", 54.0495, -2.8052, "Ten minutes' walk from the bus station.", 0),
    "lune_leisure": ("Lune Valley Leisure Pool", "3 Millrace Lane", "Lancaster", "LA1 1RB", 54.0512, -2.8010, "Five minutes' walk from the bus station; pay and display car park.", 0),
    "marsh_hub": ("Saltmarsh Community Hub", "Estuary Walk", "Lancaster", "LA1 5QA", 54.0465, -2.8200, "On the riverside cycle path; bus stop 300 m.", 0),
    "ridge_studio": ("Ridge Street Arts Studio", "22 Fell View Road", "Lancaster", "LA1 3PH", 54.0500, -2.7860, "Bus stop 100 m.", 2),
    "hawthorn_church": ("Hawthorn Lane Community Church Hall", "Hawthorn Lane", "Lancaster", "LA1 4DN", 54.0410, -2.7995, "Bus stop 250 m.", 1),
    "greenfold_garden": ("Greenfold Community Garden", "Greenfold Lane", "Lancaster", "LA1 3NS", 54.0430, -2.7800, "Footpath from Greenfold Lane; no parking on site.", 2),
    "kestrel_house": ("Kestrel House", "8 Chandler Street", "Lancaster", "LA1 1XF", 54.0478, -2.7990, "City centre, five minutes' walk from the bus station.", 0),
    "open_door_cafe": ("Open Door Wellbeing Cafe", "4 Weavers Yard", "Lancaster", "LA1 1HW", 54.0502, -2.7985, "City centre, five minutes' walk from the bus station.", 0),
    "stepping_stones_house": ("Stepping Stones House", "5 Orchard Close", "Lancaster", "LA1 3EZ", 54.0405, -2.7870, "Bus stop 300 m; parking for two cars.", 1),
    "millrace_hub": ("Millrace Family Hub", "Millrace Road", "Lancaster", "LA1 2NE", 54.0570, -2.8030, "Bus stop outside; buggy park inside.", 0),
    "crag_room": ("The Crag Room Climbing Centre", "Unit 4, Kestrel Rise Business Park", "Lancaster", "LA1 5DW", 54.0440, -2.8150, "Bus stop 400 m; free parking.", 1),
    "priory_music": ("Priory Fields Music Centre", "Priory Fields", "Lancaster", "LA1 1UQ", 54.0525, -2.8065, "Ten minutes' walk from the bus station.", 1),
    "footlights_studio": ("Footlights Studio Theatre", "9 Playhouse Yard", "Lancaster", "LA1 1QZ", 54.0482, -2.8025, "City centre.", 0),
    "fellside_hut": ("Fellside Scout Hut", "Fellside Drive", "Lancaster", "LA1 3RW", 54.0360, -2.7820, "Bus stop 350 m.", 2),
    "brookfield_guide_hall": ("Brookfield Guide Hall", "Brookfield Close", "Lancaster", "LA1 3HU", 54.0392, -2.7918, "Bus stop 150 m.", 1),
    "oakleigh_track": ("Oakleigh Park Athletics Track", "Oakleigh Park", "Lancaster", "LA1 4TJ", 54.0315, -2.7900, "Bus stop at the park gates; free parking.", 0),
    "oakleigh_cricket": ("Oakleigh Park Cricket Ground", "Oakleigh Park", "Lancaster", "LA1 4TL", 54.0322, -2.7888, "Bus stop at the park gates; free parking.", 1),
    "thornbank_rugby": ("Thornbank Rugby Ground", "Thornbank Road", "Lancaster", "LA1 4SY", 54.0335, -2.8060, "Bus stop 200 m; free parking.", 1),
    "ryecroft_skatepark": ("Ryecroft Park Skatepark", "Ryecroft Park", "Lancaster", "LA1 2AX", 54.0605, -2.8180, "Bus stop at the park entrance.", 2),
    "starjump_gym": ("Starjump Gymnastics Centre", "Unit 2, Kingfisher Way", "Lancaster", "LA1 5HB", 54.0455, -2.8240, "Free parking; bus stop 300 m.", 0),
    "lune_racquets": ("Lune Racquets Club", "Beech Grove", "Lancaster", "LA1 3JW", 54.0400, -2.7840, "Bus stop 200 m.", 1),
    "mindful_bay_studio": ("Mindful Bay Studio", "17 Chapel Yard", "Lancaster", "LA1 1NB", 54.0490, -2.7975, "City centre; first-floor studio with lift.", 0),
    "good_grub_kitchen": ("Good Grub Community Kitchen", "2 Bakehouse Lane", "Lancaster", "LA1 2LS", 54.0552, -2.8090, "Bus stop 100 m.", 1),
    "ryecroft_hall": ("Ryecroft Youth Hall", "Ryecroft Road", "Lancaster", "LA1 2BG", 54.0590, -2.8150, "Bus stop outside.", 1),
    "inkwell_room": ("Inkwell Writers' Room", "6 Quill Court", "Lancaster", "LA1 1LD", 54.0508, -2.8035, "City centre; second floor, lift available.", 0),
    "brookfield_high": ("Brookfield High School Learning Hub", "Brookfield Avenue", "Lancaster", "LA1 3XT", 54.0372, -2.7880, "School bus routes; bus stop outside.", 0),
    "heron_quay_gym": ("Heron Quay Boxing Gym", "Unit 7, Heron Quay", "Lancaster", "LA1 1SB", 54.0530, -2.8110, "Riverside, ten minutes' walk from the bus station.", 2),
    # LA2 - villages around Lancaster
    "halton_hall": ("Halton Green Village Hall", "Green Lane", "Halton", "LA2 6PB", 54.0755, -2.7640, "Village bus every hour; car park.", 1),
    "crookdale_barn": ("Crookdale Outdoor Barn", "Crookdale Lane", "Caton", "LA2 9QS", 54.0770, -2.7220, "Minibus from Lancaster for booked sessions.", 2),
    "milestone_hall": ("Milestone Village Hall", "Main Street", "Galgate", "LA2 0JE", 54.0085, -2.7935, "Bus stop outside.", 1),
    # LA3 - Heysham
    "harbour_sports": ("Heysham Harbour Sports Hall", "Harbour Road", "Heysham", "LA3 2XN", 54.0420, -2.8930, "Bus stop 100 m; free parking.", 0),
    "middleton_way_cc": ("Middleton Way Community Centre", "Middleton Way", "Heysham", "LA3 3LW", 54.0350, -2.8800, "Bus stop outside.", 0),
    "barrowfield_hut": ("Barrowfield Nature Reserve Hut", "Barrowfield Lane", "Heysham", "LA3 2RQ", 54.0380, -2.8950, "Short rough track from the car park.", 2),
    # LA4 - Morecambe
    "bayview_yc": ("Bayview Youth Centre", "30 Seaview Terrace", "Morecambe", "LA4 4DS", 54.0705, -2.8650, "Two minutes from the promenade bus stops.", 0),
    "bay_leisure": ("Bay Leisure Pool", "Shoreline Way", "Morecambe", "LA4 4TF", 54.0685, -2.8700, "Bus stop outside; car park.", 0),
    "sandpiper_studio": ("Sandpiper Dance Studio", "12 Marine View", "Morecambe", "LA4 5EX", 54.0725, -2.8580, "Promenade bus stops 150 m.", 1),
    "bay_watersports_centre": ("Bay Watersports Centre", "Jetty Road", "Morecambe", "LA4 4AH", 54.0695, -2.8760, "On the promenade; car park 200 m.", 1),
    "bay_family_hub": ("Bay Family Hub", "5 Cormorant Road", "Morecambe", "LA4 5BN", 54.0700, -2.8610, "Bus stop outside; buggy park inside.", 0),
    "lakeside_unit": ("Bayview Martial Arts Academy", "Unit 3, Lakeside Trading Estate", "Morecambe", "LA4 6PZ", 54.0670, -2.8470, "Free parking; bus stop 400 m.", 1),
    "bayview_courts": ("Bayview Sports Courts", "Shoreline Way", "Morecambe", "LA4 4TG", 54.0680, -2.8690, "Bus stop outside; car park.", 0),
    # LA5 - Carnforth and Bolton-le-Sands
    "keer_side_centre": ("Keer Side Centre", "4 Keer Bank", "Carnforth", "LA5 9BE", 54.1290, -2.7690, "Five minutes' walk from the railway station.", 0),
    "warton_view_pavilion": ("Warton View Pavilion", "Pavilion Lane", "Carnforth", "LA5 9LT", 54.1265, -2.7650, "Bus stop 250 m.", 1),
    "shoreside_hall": ("Shoreside Village Hall", "Shore Lane", "Bolton-le-Sands", "LA5 8DN", 54.0990, -2.7960, "Bus stop outside.", 1),
}

ACCESS_TEXT = {
    0: ("Step-free access throughout, accessible toilet and hearing loop.", "Please tell the session leader about any access needs in advance."),
    1: ("Step-free access to the main hall and an accessible toilet; upper rooms are reached by stairs only.", "Ask staff about using the ground-floor room."),
    2: ("Limited access: there are steps or uneven ground at the entrance.", "Please contact the organiser before your first visit so that access can be arranged."),
}

# Residential postcodes for synthetic young people's addresses (no services there).
RESIDENTIAL_POSTCODES = [
    ("LA1 1AA", 54.0482, -2.8001), ("LA1 1EB", 54.0475, -2.7965), ("LA1 1PG", 54.0515, -2.8048),
    ("LA1 2DH", 54.0601, -2.8052), ("LA1 2JL", 54.0576, -2.8101), ("LA1 2RW", 54.0622, -2.8135),
    ("LA1 3BT", 54.0398, -2.7935), ("LA1 3GF", 54.0418, -2.7859), ("LA1 3QN", 54.0366, -2.7851),
    ("LA1 4XQ", 54.0301, -2.7952), ("LA1 4HR", 54.0356, -2.8021), ("LA1 4NU", 54.0326, -2.8110),
    ("LA1 5AE", 54.0452, -2.8176), ("LA1 5LP", 54.0440, -2.8268), ("LA1 5RS", 54.0478, -2.8221),
    ("LA2 0BW", 54.0102, -2.7960), ("LA2 6LD", 54.0739, -2.7618), ("LA2 9NH", 54.0783, -2.7247),
    ("LA3 1AY", 54.0512, -2.8795), ("LA3 2HJ", 54.0433, -2.8900), ("LA3 3BQ", 54.0331, -2.8822),
    ("LA4 4BS", 54.0718, -2.8631), ("LA4 4NG", 54.0669, -2.8724), ("LA4 5LF", 54.0741, -2.8547),
    ("LA4 5UX", 54.0763, -2.8489), ("LA4 6DR", 54.0655, -2.8412), ("LA4 6HW", 54.0689, -2.8335),
    ("LA5 9AG", 54.1304, -2.7712), ("LA5 9PJ", 54.1248, -2.7601), ("LA5 8EQ", 54.1012, -2.7931),
]

POSTCODE_RE = re.compile(r"^LA[1-5] [0-9][ABDEFGHJLNPQRSTUWXYZ]{2}$")


# --------------------------------------------------------------------------------------
# Organisations (invented)
# --------------------------------------------------------------------------------------

# key: (name, legal_status, description)
ORGANISATIONS = {
    "riverside_juniors_fc": ("Riverside Juniors Football Club", "Community amateur sports club", "A volunteer-run junior football club on the north bank of the river with teams from under-7s to under-16s, including girls' teams."),
    "lune_valley_swim": ("Lune Valley Swimming Club", "Community amateur sports club", "A friendly swimming club offering learn-to-swim, club squads and quieter sessions for nervous swimmers."),
    "heron_quay_boxing": ("Heron Quay Amateur Boxing Club", "Community amateur sports club", "A riverside boxing gym focused on fitness, discipline and mentoring; junior sessions are non-contact."),
    "bayview_netball": ("Bayview Netball Club", "Unincorporated voluntary group", "A netball club in Morecambe for girls and young women, from first-timers to league players."),
    "lune_wheelers": ("Lune Wheelers Youth Cycling Club", "Community amateur sports club", "A youth cycling club offering balance-bike, BMX, road and off-road rides for young people."),
    "crag_room": ("The Crag Room Climbing Centre", "Limited company", "An indoor climbing and bouldering centre with youth clubs and a referral-only confidence group."),
    "sandpiper_dance": ("Sandpiper Dance Academy", "Limited company", "A dance school in Morecambe offering ballet, street dance and free inclusive sessions."),
    "bayview_martial_arts": ("Bayview Martial Arts Academy", "Limited company", "A martial arts academy teaching karate, judo and taekwondo with an emphasis on respect and self-control."),
    "oakleigh_cricket": ("Oakleigh Cricket Club", "Community amateur sports club", "A cricket club at Oakleigh Park running junior, girls' and softball sessions."),
    "thornbank_rugby": ("Thornbank Rugby Union Club", "Community amateur sports club", "A rugby union club with minis, juniors and youth sections."),
    "fellside_harriers": ("Fellside Harriers Athletics Club", "Community amateur sports club", "An athletics and running club for all abilities, including orienteering and family runs."),
    "starjump_gymnastics": ("Starjump Gymnastics and Trampoline Club", "Community interest company", "A gymnastics and trampolining club with recreational classes from age five."),
    "lune_racquets": ("Lune Racquets Club", "Community amateur sports club", "A tennis, badminton and table tennis club with junior coaching and teen drop-ins."),
    "harbour_sports": ("Heysham Harbour Community Sports", "Registered charity", "A community sports charity running free and low-cost sessions in Heysham."),
    "bay_inclusive_sports": ("Bay Inclusive Sports", "Registered charity", "Sport and physical activity for disabled children and young people and their friends."),
    "bay_watersports": ("Bay Watersports Trust", "Registered charity", "A watersports charity on the promenade offering paddling, sailing and stand-up paddleboarding."),
    "wheelhouse_skate": ("Lune Wheelhouse Skate Collective", "Unincorporated voluntary group", "A volunteer skate collective running free sessions and loaning boards and pads."),
    "carnforth_youth": ("Carnforth Community Youth Project", "Registered charity", "The youth project for Carnforth and nearby villages, running clubs, sport and outdoor activities."),
    "baywide_youth": ("Baywide Youth Service", "Local authority service", "The district's youth work service running open-access youth clubs, detached youth work and youth voice."),
    "fellside_scouts": ("Fellside Scout Group", "Registered charity", "A scout group for young people aged 6 to 18, meeting at the Fellside Scout Hut."),
    "brookfield_guides": ("Brookfield Guides and Brownies", "Registered charity", "Guiding units for girls aged 5 to 18 meeting at Brookfield Guide Hall."),
    "sandpiper_sea_scouts": ("Sandpiper Sea Scout Group", "Registered charity", "A sea scout troop in Morecambe combining scouting with paddling and sailing."),
    "ridge_arts": ("Ridge Street Arts Collective", "Community interest company", "An artist-led studio running art clubs, zine workshops and family clay sessions."),
    "priory_music": ("Priory Fields Music Centre", "Registered charity", "A community music centre with choirs, bands, music production and instrument tasters."),
    "footlights_theatre": ("Footlights Youth Theatre", "Registered charity", "A youth theatre company with junior and senior groups and a confidence-through-drama programme."),
    "inkwell_writers": ("Inkwell Young Writers", "Unincorporated voluntary group", "Creative writing groups and spoken word events for young people."),
    "tumbleweed_circus": ("Tumbleweed Circus CIC", "Community interest company", "A community circus company teaching juggling, aerial and balance skills."),
    "saltmarsh_nature": ("Saltmarsh Nature Trust", "Registered charity", "A nature charity running forest school, young rangers and wild outdoor sessions across the bay."),
    "greenfold_garden": ("Greenfold Community Garden", "Community interest company", "A community garden and orchard where children, teenagers and families grow food together."),
    "open_door": ("Open Door Young People's Wellbeing", "Registered charity", "A young people's wellbeing charity running drop-ins, peer support and mentoring."),
    "kestrel_counselling": ("Kestrel Youth Counselling CIC", "Community interest company", "Free counselling and play therapy for children and young people from qualified practitioners."),
    "mindful_bay": ("Mindful Bay", "Community interest company", "Yoga, tai chi and mindfulness for children, teenagers and families."),
    "bayside_wellbeing": ("Bayside Children's Wellbeing Team", "Public sector community service", "A community children's wellbeing team offering short workshops on sleep and everyday wellbeing."),
    "stepping_stones": ("Stepping Stones Child Bereavement Charity", "Registered charity", "Support for bereaved children, young people and their families."),
    "castle_hill_carers": ("Castle Hill Young Carers Trust", "Registered charity", "Support, breaks and a voice for young carers across the district."),
    "rainbow_bay": ("Rainbow Bay LGBTQ+ Youth", "Registered charity", "Safe, friendly groups for LGBTQ+ and questioning young people."),
    "kindness_counts": ("Kindness Counts Anti-Bullying Project", "Registered charity", "Support for young people affected by bullying and peer-led anti-bullying work in schools."),
    "millrace_family_hub": ("Millrace Family Hub", "Public sector community service", "A family hub offering play, parenting and family support groups."),
    "bay_family_hub": ("Bay Family Hub", "Public sector community service", "A family hub in Morecambe offering family support, parenting groups and healthy lifestyle sessions."),
    "healthy_steps": ("Healthy Steps Lancaster", "Community interest company", "Family healthy lifestyle and weight management programmes combining activity, cooking and confidence."),
    "good_grub": ("Good Grub Kitchen CIC", "Community interest company", "A community kitchen teaching young people to cook healthy, cheap meals."),
    "bridge_big_school": ("Bridge to Big School Partnership", "Registered charity", "Transition support for children moving to secondary school and young people moving on to college or work."),
    "lune_learning": ("Lune Learning Partnership", "Registered charity", "Mentoring and breakfast clubs that help young people back into school."),
}


# --------------------------------------------------------------------------------------
# Services (invented)
# --------------------------------------------------------------------------------------

NEED_ALIASES = {
    "anx": "anxiety", "low": "low_mood", "iso": "social_isolation", "ber": "bereavement",
    "bul": "bullying", "est": "self_esteem", "pee": "peer_pressure", "rel": "relationships",
    "fam": "family_difficulties", "ang": "anger", "slp": "sleep", "sch": "school_attendance",
    "wgt": "weight_management", "tra": "transition",
}

SERVICES = []


def S(name, org, venues, ages, needs, acts, cats, sched, cost, blurb, **kw):
    """Declare one service. needs/acts/cats are space-separated codes; cost is None (free),
    (amount, description) or a list of those; sched uses a tiny mini-language (see parse_schedule)."""
    SERVICES.append(dict(
        name=name, org=org, venues=venues.split(), min_age=ages[0], max_age=ages[1],
        needs=[NEED_ALIASES[n] for n in needs.split()], acts=acts.split(), cats=cats.split(),
        sched=sched, cost=cost, blurb=blurb, **kw))


# ---- Sport ----
S("Riverside Juniors Football Club - Under 7s to Under 11s", "riverside_juniors_fc", "riverside_pf", (6, 11), "iso est", "football", "sport",
  "SA 09:30-11:00", (3, "per session, including a drink and fruit"),
  "Small-sided football for boys and girls with qualified volunteer coaches. New players can try three sessions free.")
S("Riverside Juniors Football Club - Under 12s to Under 16s", "riverside_juniors_fc", "riverside_pf", (11, 16), "iso est pee", "football", "sport",
  "TH 18:00-19:30", (3, "per training session"),
  "Training and Sunday league matches for teenagers, with a focus on teamwork and fair play.")
S("Riverside Girls' Football Wildcats", "riverside_juniors_fc", "riverside_pf", (5, 11), "est iso", "football", "sport",
  "WE 17:00-18:00", None,
  "Fun, girls-only football for beginners. No experience or kit needed; boots can be borrowed.")
S("Lune Valley Swimming Club - Learn to Swim", "lune_valley_swim", "lune_leisure", (5, 11), "est anx", "swimming", "sport",
  "MO,WE 16:30-17:30", (28, "per month (two lessons a week)"),
  "Small-group lessons taking children from first splashes to confident swimmers.", term=True)
S("Calm Water Swim Sessions", "lune_valley_swim", "bay_leisure", (8, 16), "anx est", "swimming", "sport",
  "SU 08:00-09:00", (2, "per session"),
  "A quieter, lane-free early session for young people who feel anxious in busy pools. Lifeguard and a friendly coach in the water.")
S("Heron Quay Junior Boxing (non-contact)", "heron_quay_boxing", "heron_quay_gym", (10, 15), "ang est pee", "boxing", "sport",
  "MO,WE 17:30-18:45", (2, "per session"),
  "Non-contact boxing fitness, pad work and skipping for juniors, with clear rules about respect in and out of the gym.")
S("Heron Quay Youth Boxing Fitness", "heron_quay_boxing", "heron_quay_gym", (15, 19), "ang low pee", "boxing circuit_training", "sport",
  "TU,TH 19:00-20:30", (2, "per session"),
  "High-energy boxing fitness and circuit training for older teenagers. Sparring only with parental consent and after assessment.")
S("Gloves Not Gangs Mentoring", "heron_quay_boxing", "heron_quay_gym", (13, 18), "pee ang rel", "boxing", "sport peer_support",
  "FR 17:00-19:00", None,
  "A boxing and mentoring programme for young people at risk of exploitation or getting drawn into antisocial behaviour.",
  apply="By referral from a youth worker, school, social prescriber or the youth justice team.")
S("Bayview Junior Netball", "bayview_netball", "bayview_courts", (8, 13), "est iso", "netball", "sport",
  "SA 10:00-11:30", (2.5, "per session"),
  "High 5 style netball for juniors, building skills and confidence in a friendly team.")
S("Lune Wheelers Balance and Pedal", "lune_wheelers", "riverside_pf", (5, 8), "est", "cycling", "sport",
  "SA 10:00-11:00", None,
  "Learn to ride sessions on a traffic-free track. Bikes and helmets can be borrowed.")
S("Lune Wheelers Youth Rides", "lune_wheelers", "crookdale_barn", (9, 16), "iso low", "cycling mountain_biking", "sport nature_outdoors",
  "SU 10:00-12:00", (3, "per ride"),
  "Led road and off-road rides in the Lune valley. Minibus and bike trailer from Lancaster for booked riders.", stale=True)
S("Crag Room Junior Climbing Club", "crag_room", "crag_room", (8, 14), "anx est", "climbing bouldering", "sport",
  "TH 16:30-18:00", (6, "per session, shoes and harness included"),
  "Coached climbing and bouldering for juniors working through a skills badge scheme.")
S("Climb Calm", "crag_room", "crag_room", (10, 17), "anx low est", "climbing", "sport wellbeing_workshop",
  "WE 16:00-17:30", None,
  "A six-week, referral-only small group using climbing to build confidence and manage worry, co-run with a youth wellbeing practitioner.",
  apply="Referral from a social prescribing link worker, school wellbeing lead or GP.")
S("Sandpiper Street Dance Crew", "sandpiper_dance", "sandpiper_studio", (10, 16), "est iso pee", "street_dance", "dance",
  "TU 17:00-18:30", (4, "per class"),
  "Hip hop and street dance choreography with performance opportunities at local events.")
S("Sandpiper Ballet Foundations", "sandpiper_dance", "sandpiper_studio", (6, 11), "est anx", "ballet", "dance",
  "TH 16:30-17:30", (5, "per class"),
  "Relaxed ballet classes without exams, focusing on enjoyment, posture and musicality.")
S("Dance Free! Inclusive Dance", "sandpiper_dance", "sandpiper_studio", (11, 19), "iso low est", "dance", "dance inclusive_disability",
  "SU 14:00-15:30", None,
  "A free inclusive dance group for young people of all abilities, including wheelchair users and neurodivergent dancers.")
S("Bayview Junior Judo", "bayview_martial_arts", "lakeside_unit", (8, 14), "ang est bul", "judo martial_arts", "sport",
  "MO 17:00-18:00", (4, "per class"),
  "Judo teaching safe falling, respect and self-control; popular with children who have been bullied.")
S("Bayview Taekwondo Teens", "bayview_martial_arts", "lakeside_unit", (12, 19), "ang est pee", "taekwondo martial_arts", "sport",
  "WE 18:00-19:30", (4, "per class"),
  "Taekwondo patterns, kicking and fitness for teenagers, with grading every term.")
S("Oakleigh Softball Cricket for Juniors", "oakleigh_cricket", "oakleigh_cricket", (5, 8), "est iso", "cricket", "sport",
  "FR 17:30-18:30", (2, "per session"),
  "Softball cricket games for young children and their families.", stale=True, valid=("2026-04-17", "2026-09-04"))
S("Oakleigh Junior Cricket", "oakleigh_cricket", "oakleigh_cricket", (9, 15), "iso est rel", "cricket", "sport",
  "TU 18:00-19:30", (3, "per session"),
  "Junior cricket coaching and friendly matches, with indoor nets in winter.")
S("Thornbank Youth Rugby", "thornbank_rugby", "thornbank_rugby", (12, 18), "ang pee est", "rugby_union", "sport",
  "WE 18:30-20:00", (3, "per session"),
  "Youth rugby union training and fixtures with an emphasis on discipline and looking after teammates.")
S("Fellside Harriers Junior Athletics", "fellside_harriers", "oakleigh_track", (8, 14), "est iso", "athletics running", "sport",
  "TU 18:00-19:15", (3, "per session"),
  "Running, jumping and throwing for juniors, with coaching for all abilities.")
S("Fellside Harriers Teen Run Club", "fellside_harriers", "oakleigh_track", (13, 19), "low anx", "running", "sport",
  "TH 18:30-19:30", None,
  "A friendly, no-pressure run club for teenagers, with walk-run groups for beginners.")
S("Saturday Family Fun Run", "fellside_harriers", "oakleigh_track", (5, 15), "fam est", "running", "sport parent_child",
  "SA 09:00-09:45", None,
  "A timed two-kilometre run round Oakleigh Park for children, with parents and carers welcome to run alongside.")
S("Fellside Junior Orienteering", "fellside_harriers", "halton_hall", (8, 16), "anx est", "orienteering", "sport nature_outdoors",
  "M:1SU 10:00-12:00", (2, "per event"),
  "Map-reading adventures on courses around Halton Green and the river, in pairs or small groups.", stale=True)
S("Starjump Recreational Gymnastics", "starjump_gymnastics", "starjump_gym", (7, 13), "est anx", "gymnastics", "sport",
  "WE 17:00-18:00", (5, "per class"),
  "Recreational gymnastics with a friendly badge scheme; no competition pressure.")
S("Starjump Trampoline Club", "starjump_gymnastics", "starjump_gym", (8, 17), "est low", "trampolining", "sport",
  "FR 17:30-18:30", (5, "per class"),
  "Trampolining skills from seat drops to somersaults, taught by qualified coaches.")
S("Lune Racquets Teen Drop-in", "lune_racquets", "lune_racquets", (12, 18), "iso pee", "badminton table_tennis", "sport",
  "TH 18:00-19:30", (1, "per session"),
  "Casual badminton and table tennis for teenagers; just turn up.")
S("Heysham Multi-Sports Club", "harbour_sports", "harbour_sports", (5, 11), "iso est", "multisports dodgeball rounders", "sport",
  "TU 16:00-17:00", None,
  "A different sport every week, from dodgeball to rounders, for primary-age children.", term=True)
S("Heysham Friday Night Basketball", "harbour_sports", "harbour_sports", (12, 19), "pee ang iso", "basketball", "sport youth_club",
  "FR 18:30-20:30", None,
  "Free Friday-night basketball with coaches and youth workers, plus food.")
S("Bay Inclusive Boccia and Wheelchair Basketball", "bay_inclusive_sports", "bayview_yc", (8, 19), "iso est", "boccia wheelchair_basketball", "sport inclusive_disability",
  "SA 13:00-15:00", None,
  "Inclusive sport for disabled young people, siblings and friends. Sports wheelchairs provided.")
S("Bay Inclusive Multi-Sport", "bay_inclusive_sports", "castle_hill_cc", (5, 12), "iso est fam", "multisports", "sport inclusive_disability",
  "SU 10:00-11:30", None,
  "Adapted multi-sport for children with additional needs, with parents and carers welcome to stay.")
S("Bay Watersports Junior Paddlers", "bay_watersports", "bay_watersports_centre", (9, 15), "anx est", "canoeing kayaking", "sport nature_outdoors",
  "SA 10:00-12:00", (8, "per session, all kit provided"),
  "Canoeing and kayaking for juniors in sheltered water, from April to October. Booking for the 2027 season is open.", valid=("2027-04-03", "2027-10-30"))
S("Bay Watersports Youth SUP and Sailing", "bay_watersports", "bay_watersports_centre", (13, 19), "low iso est", "stand_up_paddleboarding sailing", "sport nature_outdoors",
  "SU 13:00-15:30", (10, "per session, all kit provided"),
  "Stand-up paddleboarding and dinghy sailing for teenagers from April to October, including a pathway to instructor training.", valid=("2027-04-04", "2027-10-31"))
S("Paddle Buddies", "bay_watersports", "bay_watersports_centre", (11, 17), "anx low iso", "kayaking", "sport nature_outdoors",
  "WE 16:30-18:30", None,
  "A referral-only kayaking group pairing young people with trained volunteer buddies.", status="inactive",
  alert="Paddle Buddies is not running at present while the trust recruits new volunteer buddies. Please do not refer.")
S("Wheelhouse Skate Sessions", "wheelhouse_skate", "ryecroft_skatepark", (8, 18), "iso pee est", "skateboarding", "sport",
  "SA 14:00-16:00", None,
  "Free coached skate sessions with boards, helmets and pads to borrow.")
S("Wheelhouse Girls and Non-binary Skate Night", "wheelhouse_skate", "ryecroft_skatepark", (11, 19), "est iso anx", "skateboarding", "sport",
  "WE 18:00-19:30", None,
  "A welcoming skate session for girls, young women and non-binary young people.",
  elig="Girls, young women and non-binary young people aged 11 to 19.")
S("Tumbleweed Circus Skills Club", "tumbleweed_circus", "castle_hill_cc", (8, 15), "est anx iso", "circus_skills", "arts_creative sport",
  "SU 13:00-15:00", (4, "per session"),
  "Juggling, diabolo, stilt-walking and low aerial skills, building up to an end-of-term show.")

# ---- Youth clubs and uniformed groups ----
S("Carnforth Youth Club", "carnforth_youth", "keer_side_centre", (11, 17), "iso pee low", "table_tennis", "youth_club",
  "TU,TH 18:30-20:30", None,
  "Open-access youth club with games, music, cooking and trips, run by qualified youth workers.")
S("Carnforth Junior Club", "carnforth_youth", "keer_side_centre", (8, 11), "iso est", "", "youth_club",
  "MO 16:00-17:30", None,
  "After-school club with crafts, games and a healthy snack for juniors.", term=True)
S("Carnforth Football Kickabout", "carnforth_youth", "warton_view_pavilion", (10, 16), "iso ang", "football", "sport youth_club",
  "SA 11:00-12:30", None,
  "Informal, free football for anyone who turns up, with a youth worker on hand.")
S("Shoreside Walk and Talk", "carnforth_youth", "shoreside_hall", (13, 19), "low anx", "walking hiking", "nature_outdoors peer_support",
  "M:2SU 10:30-12:30", None,
  "A monthly coastal walk for teenagers who find it easier to talk side by side, with hot chocolate at the end.", stale=True)
S("Castle Hill Youth Club", "baywide_youth", "castle_hill_cc", (11, 16), "iso pee rel", "table_tennis", "youth_club",
  "WE,FR 18:00-20:30", None,
  "Open-access youth club with pool, table tennis, cooking, music and a quiet room.")
S("Ryecroft Junior Youth Club", "baywide_youth", "ryecroft_hall", (8, 12), "iso est", "dodgeball", "youth_club",
  "TU 16:00-18:00", None,
  "Junior youth club with games, arts and crafts, and outdoor play.", term=True)
S("Saltmarsh Senior Youth Club", "baywide_youth", "marsh_hub", (14, 19), "pee low rel", "", "youth_club",
  "TH 18:30-21:00", None,
  "Youth club for older teenagers with issue-based sessions on relationships, money and staying safe.")
S("Bayview Youth Centre Open Access", "baywide_youth", "bayview_yc", (11, 19), "iso pee ang", "basketball table_tennis", "youth_club",
  "MO,WE,FR 18:00-21:00", None,
  "Morecambe's main youth centre, with a sports hall, music room and youth workers three nights a week.")
S("Heysham On The Streets Detached Youth Work", "baywide_youth", "middleton_way_cc", (12, 19), "pee ang fam", "", "youth_club",
  "FR,SA 19:00-22:00", None,
  "Youth workers meet young people where they spend time in Heysham, offering advice, activities and a route into other support.")
S("Halton Village Youth Club", "baywide_youth", "halton_hall", (10, 16), "iso", "", "youth_club",
  "TH 18:00-20:00", None,
  "Village youth club with games, cooking and trips, so young people in rural areas do not miss out.")
S("Galgate Youth Drop-in", "baywide_youth", "milestone_hall", (11, 16), "iso pee", "", "youth_club",
  "MO 18:30-20:30", None,
  "Weekly drop-in for young people in Galgate.", status="inactive", stale=True,
  alert="This drop-in is paused until further notice. Young people in Galgate are welcome at Castle Hill Youth Club.")
S("Baywide Youth Voice Forum", "baywide_youth", "castle_hill_cc", (13, 19), "est rel", "", "youth_club peer_support",
  "M:1TU 17:30-19:30", None,
  "Young people shape local services, plan campaigns and meet decision-makers. Pizza provided.", stale=True)
S("Fellside Beavers", "fellside_scouts", "fellside_hut", (6, 8), "iso est", "", "uniformed_group",
  "MO 17:30-18:30", (35, "per term"),
  "Games, crafts and outdoor adventures for the youngest members of the scout group.", term=True)
S("Fellside Cubs", "fellside_scouts", "fellside_hut", (8, 10), "iso est", "hiking", "uniformed_group nature_outdoors",
  "TU 18:00-19:30", (35, "per term"),
  "Cubs learn new skills, earn badges and go on camps and hikes.", term=True)
S("Fellside Scouts", "fellside_scouts", "fellside_hut", (10, 14), "iso est rel", "hiking orienteering archery", "uniformed_group nature_outdoors",
  "WE 19:00-21:00", (35, "per term"),
  "Scouting adventures including hikes, camps, archery and navigation.", term=True)
S("Fellside Explorers", "fellside_scouts", "fellside_hut", (14, 18), "iso est pee", "hiking canoeing", "uniformed_group nature_outdoors",
  "TH 19:30-21:30", (35, "per term"),
  "Explorer unit with expeditions, paddling and leadership opportunities.", term=True)
S("Brookfield Rainbows", "brookfield_guides", "brookfield_guide_hall", (5, 7), "est", "", "uniformed_group",
  "MO 17:00-18:00", (30, "per term"),
  "Rainbows play, make things and explore the world together.", term=True)
S("Brookfield Brownies", "brookfield_guides", "brookfield_guide_hall", (7, 10), "est iso", "", "uniformed_group",
  "TU 17:30-19:00", (30, "per term"),
  "Brownies try new things, earn badges and go on sleepovers.", term=True)
S("Brookfield Guides", "brookfield_guides", "brookfield_guide_hall", (10, 14), "est iso rel", "", "uniformed_group",
  "WE 18:30-20:30", (30, "per term"),
  "Guides plan their own activities, from camping to campaigning.", term=True)
S("Brookfield Rangers", "brookfield_guides", "brookfield_guide_hall", (14, 18), "est rel pee", "", "uniformed_group",
  "TH 19:00-21:00", (30, "per term"),
  "Rangers take on challenges, volunteering and leadership in a supportive group.", term=True)
S("Sandpiper Sea Scouts", "sandpiper_sea_scouts", "bay_watersports_centre", (10, 14), "iso est", "sailing kayaking", "uniformed_group nature_outdoors",
  "TU 18:30-20:30", (38, "per term"),
  "Scouting with a watery twist: paddling, sailing, knots and camps.", term=True)

# ---- Arts, music, drama, writing ----
S("Ridge Street Saturday Art Club", "ridge_arts", "ridge_studio", (6, 11), "est anx iso", "", "arts_creative",
  "SA 10:00-12:00", (2, "per session, materials included"),
  "Painting, printmaking and sculpture with practising artists.")
S("Ridge Street Teen Art Studio", "ridge_arts", "ridge_studio", (12, 18), "low est anx", "", "arts_creative",
  "WE 16:30-18:30", None,
  "Open studio time for teenagers with artists on hand, and a calm space to make work at your own pace.")
S("Comic and Zine Workshop", "ridge_arts", "ridge_studio", (10, 15), "est bul iso", "", "arts_creative",
  "TH 16:00-17:30", None,
  "Write and draw your own comics and zines, and print them on the studio risograph.")
S("Family Clay Club", "ridge_arts", "ridge_studio", (5, 11), "fam rel", "", "arts_creative parent_child",
  "M:1SA 13:00-15:00", (5, "per family"),
  "A monthly clay session for children with a parent or carer, making something together.")
S("Priory Fields Rock and Pop Band Project", "priory_music", "priory_music", (12, 19), "est low pee", "", "music",
  "TH 17:30-19:30", (3, "per session, instruments provided"),
  "Form a band, learn covers, write songs and play gigs.")
S("Beat Lab Music Production", "priory_music", "priory_music", (13, 19), "low ang est", "", "music",
  "MO 17:00-19:00", None,
  "Make beats, produce tracks and record vocals in a professional studio with youth music mentors.")
S("Footlights Junior Youth Theatre", "footlights_theatre", "footlights_studio", (7, 11), "est anx", "", "drama",
  "SA 10:00-11:30", (5, "per session"),
  "Drama games, improvisation and a show every term.")
S("Footlights Senior Youth Theatre", "footlights_theatre", "footlights_studio", (12, 18), "est anx rel", "", "drama",
  "WE 17:30-19:30", (6, "per session"),
  "Devising, script work and productions on the studio stage.")
S("Confidence Through Drama", "footlights_theatre", "footlights_studio", (10, 15), "anx bul est", "", "drama wellbeing_workshop",
  "MO 16:30-18:00", None,
  "A ten-week referral programme using drama to rebuild confidence after bullying or social anxiety.",
  apply="Referral from school, a social prescribing link worker or CAMHS; parents and carers can also contact us.")
S("Stage Door Heysham", "footlights_theatre", "middleton_way_cc", (9, 14), "est iso", "", "drama",
  "TH 16:30-18:00", (3, "per session"),
  "Footlights' Heysham youth theatre group.", stale=True)
S("Inkwell Young Writers' Squad", "inkwell_writers", "inkwell_room", (10, 16), "est low anx", "", "arts_creative",
  "2W:TU 16:30-18:00", None,
  "Fortnightly creative writing group for young writers of stories, poems and scripts.")
S("Inkwell Spoken Word Open Mic", "inkwell_writers", "inkwell_room", (14, 19), "low est rel", "", "arts_creative",
  "M:-1FR 18:00-20:00", None,
  "A supportive monthly open mic for poetry, rap and spoken word, with a workshop beforehand.", stale=True)

# ---- Nature and outdoors ----
S("Barrowfield Forest School", "saltmarsh_nature", "barrowfield_hut", (5, 10), "anx est iso", "forest_school", "nature_outdoors",
  "FR 15:45-17:15", (3, "per session"),
  "After-school forest school with den building, fire lighting and wildlife spotting.", term=True)
S("Saltmarsh Young Rangers", "saltmarsh_nature", "marsh_hub", (11, 16), "low iso est", "walking", "nature_outdoors",
  "2W:SA 10:00-13:00", None,
  "Practical conservation on the estuary: hedge laying, bird surveys and litter picks, working towards an award.")
S("Wild Teens Bushcraft", "saltmarsh_nature", "crookdale_barn", (13, 19), "low anx pee", "hiking forest_school", "nature_outdoors",
  "M:2SU 10:00-15:00", None,
  "A monthly day of bushcraft, shelter building and cooking on fire in the woods near Caton. Transport from Lancaster available.")
S("Rockpool Rangers", "saltmarsh_nature", "barrowfield_hut", (5, 11), "fam est", "walking", "nature_outdoors parent_child",
  "M:3SA 10:00-12:00", None,
  "Monthly family rockpooling and shore walks with a ranger.")
S("Greenfold Grow Club", "greenfold_garden", "greenfold_garden", (7, 12), "anx low iso", "gardening", "nature_outdoors",
  "WE 16:00-17:30", None,
  "Children grow vegetables, look after the hens and cook what they harvest.")
S("Greenfold Teen Growers", "greenfold_garden", "greenfold_garden", (13, 18), "low ang iso", "gardening", "nature_outdoors",
  "SA 10:00-12:30", None,
  "Practical gardening, tool skills and orchard work for teenagers, with lunch from the garden.")

# ---- Peer support, counselling and wellbeing ----
S("Open Door Teen Drop-in", "open_door", "open_door_cafe", (13, 19), "anx low iso rel", "", "peer_support",
  "TU,TH 15:30-18:00", None,
  "Walk in for a hot drink, a chat with a youth wellbeing worker and peer support. No appointment needed.")
S("Worry Busters", "open_door", "castle_hill_cc", (8, 11), "anx est", "", "wellbeing_workshop",
  "WE 16:00-17:00", None,
  "A six-week group for children who worry a lot, using games and simple CBT-informed techniques. A parent session runs alongside.",
  apply="Referral from school, GP, social prescriber or parent/carer.")
S("Anxiety Peer Support Circle", "open_door", "open_door_cafe", (14, 19), "anx low iso", "", "peer_support",
  "MO 17:00-18:30", None,
  "A small, facilitated peer support group for young people living with anxiety.")
S("Open Door Peer Mentoring", "open_door", "open_door_cafe bay_family_hub", (11, 18), "iso est tra bul", "", "peer_support",
  "@open_door_cafe WE 15:30-18:30; @bay_family_hub TH 15:30-18:00", None,
  "One-to-one mentoring from trained older young people, meeting weekly for up to twelve weeks.",
  apply="Referral from school, social prescriber or self-referral; a coordinator will match you with a mentor.", wait="Usually two to four weeks")
S("Open Door Morecambe Drop-in", "open_door", "bay_family_hub", (13, 19), "anx low iso", "", "peer_support",
  "WE 15:30-17:30", None,
  "Open Door's weekly drop-in at the Bay Family Hub in Morecambe.")
S("Kestrel Counselling for 11 to 18s", "kestrel_counselling", "kestrel_house", (11, 18), "anx low ber fam rel ang est", "", "counselling",
  "MO,TU,WE,TH,FR 09:00-18:00", None,
  "Free, confidential one-to-one counselling with qualified counsellors, usually for six to twelve weekly sessions.",
  apply="Referral from GP, school, social prescriber or CAMHS; young people aged 16 and over can self-refer.", wait="Usually four to six weeks")
S("Kestrel Young Adult Counselling", "kestrel_counselling", "kestrel_house", (16, 25), "anx low rel ber", "", "counselling",
  "TU,TH 10:00-19:00", None,
  "Counselling for young adults, including evening appointments for those in college or work.",
  apply="Self-referral or referral from GP or social prescriber.", wait="Usually three to five weeks")
S("Kestrel Counselling Heysham Outreach", "kestrel_counselling", "middleton_way_cc", (11, 18), "anx low fam", "", "counselling",
  "WE 13:00-18:00", None,
  "Kestrel's counselling service offered weekly at Middleton Way Community Centre in Heysham.",
  apply="Referral from GP, school, social prescriber or CAMHS.", wait="Usually four to six weeks")
S("Kestrel Play Therapy", "kestrel_counselling", "kestrel_house", (5, 10), "anx fam ang", "", "counselling",
  "MO,WE 13:00-18:00", None,
  "Play therapy for younger children who find it hard to put feelings into words, with regular reviews with parents and carers.",
  apply="Referral from GP, school, health visitor or social prescriber.", wait="Usually six to eight weeks")
S("Step Back In", "kestrel_counselling", "kestrel_house", (8, 15), "sch anx", "", "education_support wellbeing_workshop",
  "WE 16:00-17:00", None,
  "A small group for children and young people finding it hard to go to school because of worry, with a parallel parents' session.",
  apply="Referral from school attendance team, social prescriber or GP.")
S("Mindful Teens", "mindful_bay", "mindful_bay_studio", (13, 18), "anx low est", "yoga", "wellbeing_workshop",
  "TU 17:00-18:15", None,
  "An eight-week mindfulness and yoga course for teenagers, adapted for young people who are new to it.")
S("Family Yoga", "mindful_bay", "mindful_bay_studio", (5, 11), "fam anx", "yoga", "parent_child wellbeing_workshop",
  "SU 09:30-10:30", (4, "per family"),
  "Playful yoga and breathing for children with a parent or carer.")
S("Tai Chi for Teens", "mindful_bay", "mindful_bay_studio", (13, 19), "ang anx", "tai_chi", "wellbeing_workshop sport",
  "TH 17:30-18:30", (3, "per session"),
  "Slow, flowing tai chi to help with stress and strong feelings.")
S("Wind Down Yoga for Kids", "mindful_bay", "mindful_bay_studio", (8, 12), "slp anx", "yoga", "wellbeing_workshop",
  "WE 17:00-18:00", (3, "per session"),
  "Gentle yoga, stretching and bedtime relaxation techniques children can use at home.")
S("Rest Easy Teen Sleep Workshop", "bayside_wellbeing", "castle_hill_cc", (13, 18), "slp low anx", "", "wellbeing_workshop",
  "M:2TU 17:00-18:30", None,
  "A monthly two-session workshop on sleep, screens and routines for teenagers, run by the children's wellbeing team.", stale=True)
S("Sleep Well Families Workshop", "bayside_wellbeing", "bay_family_hub", (5, 10), "slp fam", "", "wellbeing_workshop parent_child",
  "M:1TH 16:00-17:30", None,
  "A workshop for parents and carers with their children on bedtime routines and settling.")
S("Bayside Sleep Clinic Drop-in", "bayside_wellbeing", "millrace_hub", (11, 16), "slp", "", "wellbeing_workshop",
  "M:3WE 15:30-17:30", None,
  "A drop-in for young people and families with sleep problems.", status="inactive", stale=True,
  alert="The sleep clinic drop-in has closed. Please see the Rest Easy Teen Sleep Workshop instead.")

# ---- Bereavement ----
S("Stepping Stones Juniors Group", "stepping_stones", "stepping_stones_house", (8, 11), "ber low", "", "bereavement_support",
  "M:2SA 10:00-12:00", None,
  "A monthly group where bereaved children share memories and feelings through play, art and stories.",
  apply="Referral by a professional or by a parent or carer; a family worker will arrange a home visit first.")
S("Stepping Stones Teen Group", "stepping_stones", "stepping_stones_house", (12, 17), "ber low anx", "", "bereavement_support peer_support",
  "2W:TU 17:00-18:30", None,
  "A fortnightly group for bereaved teenagers to meet others who understand.",
  apply="Referral by a professional, parent or carer, or self-referral.")
S("Stepping Stones Young Adults", "stepping_stones", "stepping_stones_house", (16, 25), "ber iso", "", "bereavement_support peer_support",
  "M:1TH 18:30-20:00", None,
  "A monthly evening group for bereaved young adults.", stale=True,
  apply="Self-referral or referral by a professional.")
S("Memory Makers Art Group", "stepping_stones", "ridge_studio", (8, 14), "ber est", "", "bereavement_support arts_creative",
  "M:3SA 10:30-12:30", None,
  "Bereaved children make memory boxes and artwork with an artist and a bereavement worker.",
  apply="Referral by a professional or by a parent or carer.")
S("Little Acorns Bereavement Play Sessions", "stepping_stones", "stepping_stones_house", (5, 8), "ber fam", "", "bereavement_support parent_child",
  "M:4SA 10:00-11:30", None,
  "Play sessions for bereaved young children and their parents or carers.", status="inactive",
  alert="Little Acorns is paused while we recruit a new play worker. We cannot currently offer group support for children under eight.")

# ---- Young carers ----
S("Castle Hill Young Carers Juniors", "castle_hill_carers", "castle_hill_cc", (8, 12), "iso fam est", "", "young_carers",
  "TU 16:30-18:00", None,
  "A break for young carers: games, trips and time with others who understand.",
  apply="Referral by school, a professional or a parent or carer, or self-referral.")
S("Castle Hill Young Carers Teens", "castle_hill_carers", "castle_hill_cc", (13, 18), "iso fam low sch", "", "young_carers education_support",
  "WE 17:00-19:00", None,
  "Group for teenage young carers, with support to keep up with school and college alongside caring.",
  apply="Referral by school, a professional or a parent or carer, or self-referral.")
S("Morecambe Young Carers Group", "castle_hill_carers", "bay_family_hub", (8, 17), "iso fam", "", "young_carers",
  "TH 16:30-18:30", None,
  "Castle Hill's weekly young carers group in Morecambe.",
  apply="Referral by school, a professional or a parent or carer, or self-referral.")
S("Young Adult Carers", "castle_hill_carers", "castle_hill_cc", (16, 25), "iso low fam", "", "young_carers peer_support",
  "M:1MO 18:00-20:00", None,
  "Monthly peer support and practical advice for young adult carers.")

# ---- LGBTQ+ ----
S("Rainbow Bay Youth Group", "rainbow_bay", "open_door_cafe", (13, 19), "iso est bul rel", "", "lgbtq_youth peer_support",
  "WE 18:00-20:00", None,
  "A weekly social group for LGBTQ+ and questioning young people, run by trained youth workers.")
S("Rainbow Bay Juniors", "rainbow_bay", "castle_hill_cc", (11, 14), "iso est bul", "", "lgbtq_youth",
  "M:2SA 13:00-15:00", None,
  "A monthly group for younger LGBTQ+ and questioning young people.")
S("Rainbow Bay Morecambe", "rainbow_bay", "bayview_yc", (13, 19), "iso est", "", "lgbtq_youth",
  "MO 17:00-19:00", None,
  "Rainbow Bay's weekly group at Bayview Youth Centre.", stale=True)

# ---- Anti-bullying ----
S("Bounce Back", "kindness_counts", "hawthorn_church", (8, 11), "bul est anx", "", "anti_bullying",
  "TH 16:00-17:00", None,
  "A six-week group helping children recover confidence and friendships after bullying.")
S("Stand Strong", "kindness_counts", "castle_hill_cc", (11, 16), "bul est pee rel", "", "anti_bullying peer_support",
  "TU 16:30-18:00", None,
  "A group for secondary-age young people affected by bullying, including online bullying.")
S("Online Safety and Friendships Workshop", "kindness_counts", "middleton_way_cc", (10, 14), "bul rel pee", "", "anti_bullying wellbeing_workshop",
  "M:1WE 16:30-18:00", None,
  "A monthly workshop on group chats, online pressure and friendships.")
S("Anti-Bullying Ambassadors", "kindness_counts", "brookfield_high", (11, 18), "bul est pee", "", "anti_bullying",
  "2W:FR 15:30-17:00", None,
  "Training for young people to become anti-bullying ambassadors in their schools and clubs.", term=True)

# ---- Parent and child, family ----
S("Stay, Play and Talk", "millrace_family_hub", "millrace_hub", (5, 7), "fam rel", "", "parent_child",
  "MO 15:30-16:45", None,
  "After-school play session for young children and their parents or carers, with family workers on hand.")
S("Dads and Kids Club", "millrace_family_hub", "millrace_hub", (5, 11), "fam rel", "", "parent_child",
  "2W:SA 10:00-12:00", None,
  "Fortnightly Saturday activities for dads and male carers with their children.")
S("Family Time Out", "millrace_family_hub", "millrace_hub", (5, 12), "fam ang rel", "", "parent_child",
  "WE 16:00-17:30", None,
  "A supportive group for families going through a tough time, with activities for children and a parents' circle.",
  apply="Referral from a family worker, school, health visitor or social prescriber, or self-referral.")
S("Teen and Parent Together", "bay_family_hub", "bay_family_hub", (11, 16), "fam rel ang", "", "parent_child",
  "TU 17:30-19:00", None,
  "A six-week course for teenagers and parents to improve communication and reduce conflict at home.")
S("Calm Kids", "bay_family_hub", "bay_family_hub", (7, 11), "ang fam", "", "parent_child wellbeing_workshop",
  "TH 16:00-17:00", None,
  "A group helping children understand and manage angry feelings, with tips for parents and carers.")

# ---- Healthy lifestyle and weight management ----
S("Healthy Steps Juniors", "healthy_steps", "castle_hill_cc harbour_sports", (7, 11), "wgt est", "multisports", "healthy_lifestyle sport",
  "@castle_hill_cc MO 16:30-18:00; @harbour_sports TH 16:30-18:00", None,
  "A ten-week family healthy lifestyle programme for children, combining active games with healthy eating.",
  apply="Referral from GP, school nurse, social prescriber, or self-referral by parents and carers.")
S("Healthy Steps Family Cook and Move", "healthy_steps", "bay_family_hub", (5, 12), "wgt fam", "multisports", "healthy_lifestyle parent_child",
  "SA 10:00-12:00", None,
  "Families cook a healthy meal together, then get active with games.")
S("Good Grub Teen Cook Club", "good_grub", "good_grub_kitchen", (12, 15), "wgt iso est", "", "healthy_lifestyle",
  "TH 16:30-18:00", (1, "per session"),
  "Young teens learn to cook healthy, cheap meals and take home what they make.")
S("Healthy Steps Teens", "healthy_steps", "castle_hill_cc", (13, 19), "wgt est", "circuit_training", "healthy_lifestyle sport",
  "TU 17:30-19:00", None,
  "A healthy lifestyle programme for older teenagers.", status="inactive",
  alert="Healthy Steps Teens has ended and is not currently funded.")

# ---- Transition and school ----
S("Bridge to Big School Summer Programme", "bridge_big_school", "brookfield_high", (10, 11), "tra anx", "multisports", "transition_programme",
  "MO,TU,WE,TH 10:00-15:00", None,
  "A four-week summer programme for children starting secondary school: timetables, lunch queues, new friends and lots of fun.",
  valid=("2027-07-26", "2027-08-19"))
S("Year 6 Transition Club", "bridge_big_school", "middleton_way_cc", (10, 11), "tra anx est", "", "transition_programme",
  "WE 15:30-16:30", None,
  "A summer-term club for Year 6 pupils in Heysham who are worried about moving up. Places for summer 2027 can be booked now.", valid=("2027-04-14", "2027-07-14"))
S("Year 7 Buddy Scheme", "bridge_big_school", "brookfield_high", (11, 12), "tra iso bul", "", "transition_programme peer_support",
  "TU 15:15-16:15", None,
  "Year 7 pupils are paired with trained older students and meet weekly after school.", term=True)
S("Next Steps: College and Work Ready", "bridge_big_school", "castle_hill_cc", (15, 18), "tra anx", "", "transition_programme",
  "2W:TH 16:00-17:30", None,
  "Support for young people moving on from school: college applications, interviews, travel training and confidence.")
S("Back on Track Breakfast Club", "lune_learning", "brookfield_high", (11, 16), "sch anx iso", "", "education_support",
  "MO,TU,WE,TH,FR 08:00-08:45", None,
  "A calm breakfast and check-in with a mentor before school, for young people whose attendance has dropped.", term=True,
  apply="Referral from the school attendance team, a social prescriber or a parent or carer.")
S("Bay Attendance Mentors", "lune_learning", "bay_family_hub", (11, 16), "sch anx", "", "education_support",
  "MO,WE 15:30-17:00", None,
  "Mentoring for young people in Morecambe who are missing school.", status="inactive",
  alert="Bay Attendance Mentors has closed. There is currently no attendance mentoring in Morecambe.")


# --------------------------------------------------------------------------------------
# Building the HSDS objects
# --------------------------------------------------------------------------------------

DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
DAY_INDEX = {d: i for i, d in enumerate(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])}
ORDINALS = {"1": "First", "2": "Second", "3": "Third", "4": "Fourth", "-1": "Last"}
LOCAL_TIME_NOTE = "Times are UK local time (Europe/London)."
TERM_NOTE = "Term time only: no sessions during Lancashire school holidays."

FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ellie", "Finn", "Grace", "Harvey", "Isla", "Jamal", "Kasia", "Liam",
               "Maya", "Noah", "Orla", "Priya", "Quinn", "Ruby", "Sami", "Tess", "Umar", "Vicky", "Will", "Yasmin", "Zac"]
LAST_NAMES = ["Ashworth", "Baines", "Carter", "Dewhurst", "Ellison", "Fairclough", "Gornall", "Hartley", "Ingham",
              "Jolly", "Kershaw", "Lowther", "Mawdsley", "Nuttall", "Openshaw", "Pilling", "Rawcliffe", "Sharples",
              "Tomlinson", "Walmsley"]
TITLES = {
    "sport": "Club welfare officer", "dance": "Principal", "youth_club": "Senior youth worker",
    "uniformed_group": "Group leader", "arts_creative": "Learning coordinator", "music": "Youth music coordinator",
    "drama": "Youth theatre director", "nature_outdoors": "Community ranger", "peer_support": "Youth wellbeing worker",
    "counselling": "Counselling coordinator", "wellbeing_workshop": "Wellbeing practitioner",
    "bereavement_support": "Family support worker", "young_carers": "Young carers worker", "lgbtq_youth": "Youth worker",
    "anti_bullying": "Project coordinator", "parent_child": "Family worker", "healthy_lifestyle": "Programme lead",
    "transition_programme": "Transition coordinator", "education_support": "Attendance mentor",
}
DEFAULT_APPLY = {
    "youth_club": "Open access: just turn up. There is a short registration form to fill in on your first visit.",
    "uniformed_group": "Contact the group leader to arrange a visit or join the waiting list.",
}
GENERIC_APPLY = ("Contact the organiser or just come along to a taster session. "
                 "Referrals from social prescribing link workers are welcome.")


def weekday_on_or_after(date, day_code):
    return date + dt.timedelta(days=(DAY_INDEX[day_code] - date.weekday()) % 7)


def fmt_time(hhmm):
    h, m = (int(x) for x in hhmm.split(":"))
    suffix = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    return f"{h12}{suffix}" if m == 0 else f"{h12}:{m:02d}{suffix}"


def day_list(days):
    names = [DAY_NAMES[d] + "s" for d in days]
    idx = [DAY_INDEX[d] for d in days]
    if len(idx) >= 3 and idx == list(range(idx[0], idx[0] + len(idx))):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def parse_schedule(spec, svc, service_id, sal_ids, default_from):
    """Mini-language: 'TU,TH 17:30-19:00' weekly; '2W:SA ...' fortnightly; 'M:1SA ...' monthly
    (ordinal weekday, -1 = last); entries separated by ';'; optional '@venue_key ' prefix
    makes the schedule specific to that service_at_location."""
    out = []
    for i, entry in enumerate(e.strip() for e in spec.split(";")):
        venue = None
        if entry.startswith("@"):
            venue, entry = entry[1:].split(" ", 1)
        rule, times = entry.split(" ")
        opens, closes = times.split("-")
        interval, freq = 1, "WEEKLY"
        if rule.startswith("2W:"):
            interval, rule = 2, rule[3:]
        if rule.startswith("M:"):
            freq, rule = "MONTHLY", rule[2:]
        valid_from, valid_to = svc.get("valid", (default_from, None))
        s = {"id": uid("schedule", service_id, i), "service_id": service_id}
        if venue:
            s["service_at_location_id"] = sal_ids[venue]
            s["location_id"] = uid("location", venue)
        s["valid_from"] = valid_from
        if valid_to:
            s["valid_to"] = valid_to
        when = f"{fmt_time(opens)} to {fmt_time(closes)}"
        if freq == "WEEKLY":
            days = rule.split(",")
            if interval == 2:
                first = weekday_on_or_after(dt.date.fromisoformat(valid_from), days[0])
                s["dtstart"] = first.isoformat()
                desc = f"Every other {DAY_NAMES[days[0]]}, {when}"
            else:
                desc = f"{day_list(days)}, {when}"
        else:
            m = re.match(r"^(-?\d)([A-Z]{2})$", rule)
            desc = f"{ORDINALS[m.group(1)]} {DAY_NAMES[m.group(2)]} of the month, {when}"
        if venue:
            desc += f", at {VENUES[venue][0]}"
        s.update({"wkst": "MO", "freq": freq, "interval": interval, "byday": rule,
                  "description": desc, "opens_at": opens, "closes_at": closes,
                  "attending_type": "In person"})
        notes = [LOCAL_TIME_NOTE]
        if svc.get("term"):
            notes.append(TERM_NOTE)
        if svc.get("valid"):
            notes.append(f"Runs from {valid_from} to {valid_to}.")
        s["notes"] = " ".join(notes)
        out.append(s)
    return out


def age_phrase(a, b):
    return f"aged {a} to {b}"


def eligibility(svc, towns):
    a, b = svc["min_age"], svc["max_age"]
    cats = svc["cats"]
    if "elig" in svc:
        return svc["elig"]
    area = " or ".join(sorted(towns))
    who = "Children" if b <= 11 else "Young people" if a >= 11 else "Children and young people"
    if "young_carers" in cats:
        text = f"Young carers {age_phrase(a, b)} who help to look after a family member, living in the Lancaster district."
    elif "lgbtq_youth" in cats:
        text = f"LGBTQ+ and questioning young people {age_phrase(a, b)}."
    elif "bereavement_support" in cats:
        text = f"{who} {age_phrase(a, b)} who have been bereaved of someone important to them."
    elif "parent_child" in cats:
        text = f"{who} {age_phrase(a, b)}, who attend with a parent or carer."
    elif "Girls" in svc["name"] or svc["org"] == "brookfield_guides":
        text = f"Girls {age_phrase(a, b)} from {area} and nearby."
    elif "inclusive_disability" in cats:
        text = f"{who} {age_phrase(a, b)}, including disabled young people and those with additional needs."
    else:
        text = f"{who} {age_phrase(a, b)} from {area} and nearby."
    if "Referral" in svc.get("apply", "") and "referral-only" in svc["blurb"]:
        text += " Referral required."
    return text


def money(x):
    return f"£{x:.2f}" if x != int(x) else f"£{int(x)}"


def build(args):
    rng = random.Random(SEED)
    orgs = {}
    for idx, (key, (name, legal, desc)) in enumerate(ORGANISATIONS.items()):
        host = key.replace("_", "-")
        person = (FIRST_NAMES[(idx * 7) % len(FIRST_NAMES)], LAST_NAMES[(idx * 3) % len(LAST_NAMES)])
        orgs[key] = {
            "object": {"id": uid("organization", key), "name": name, "description": desc,
                       "email": f"{host}@example.org", "website": f"https://{host}.example.org/",
                       "legal_status": legal},
            "phone": f"01632 960{100 + idx * 7:03d}",
            "mobile": f"07700 900{100 + idx * 11:03d}",
            "person": person,
            "host": host,
        }

    used_terms = {}        # term id -> standalone term (without taxonomy_detail)
    openactive_broader = {}
    services = []
    seen_names = set()

    for n, svc in enumerate(SERVICES):
        assert svc["name"] not in seen_names, svc["name"]
        seen_names.add(svc["name"])
        sid = uid("service", svc["name"])
        org = orgs[svc["org"]]
        status = svc.get("status", "active")

        # assured date: ~90% within six months of the reference date, the rest older
        if svc.get("stale"):
            assured = REFERENCE_DATE - dt.timedelta(days=rng.randint(FRESH_DAYS + 7, 430))
        else:
            assured = REFERENCE_DATE - dt.timedelta(days=rng.randint(3, FRESH_DAYS - 8))
        modified = dt.datetime.combine(assured, dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)))
        last_modified = modified.strftime("%Y-%m-%dT%H:%M:%S.000Z")

        sal_list, sal_ids, towns = [], {}, set()
        for vkey in svc["venues"]:
            vname, addr1, town, pc, lat, lng, transport, access = VENUES[vkey]
            towns.add(town)
            lid = uid("location", vkey)
            sal_id = uid("service_at_location", sid, vkey)
            sal_ids[vkey] = sal_id
            acc_desc, acc_details = ACCESS_TEXT[access]
            location = {
                "id": lid, "location_type": "physical", "name": vname,
                "transportation": transport, "latitude": lat, "longitude": lng,
                "addresses": [{
                    "id": uid("address", vkey), "location_id": lid, "address_1": addr1,
                    "city": town, "region": "North West England", "state_province": "Lancashire",
                    "postal_code": pc, "country": "GB", "address_type": "physical"}],
                "accessibility": [{"id": uid("accessibility", vkey), "location_id": lid,
                                   "description": acc_desc, "details": acc_details}],
            }
            sal_list.append({"id": sal_id, "service_id": sid, "location_id": lid, "location": location})

        # regular timetables run from the start of the school year on or before the assured date
        year = assured.year if assured >= dt.date(assured.year, 9, 1) else assured.year - 1
        schedules = parse_schedule(svc["sched"], svc, sid, sal_ids, f"{year}-09-01")

        # costs
        costs = svc["cost"]
        if costs is None:
            cost_options = [{"id": uid("cost_option", sid, 0), "service_id": sid, "option": "Free",
                             "currency": "GBP", "amount": 0, "amount_description": "Free of charge"}]
            fees = "Free."
        else:
            if isinstance(costs, tuple):
                costs = [costs]
            cost_options = []
            for i, (amount, what) in enumerate(costs):
                cost_options.append({"id": uid("cost_option", sid, i), "service_id": sid, "option": "Standard",
                                     "currency": "GBP", "amount": amount, "amount_description": what})
            fees = "; ".join(f"{money(a)} {w}" for a, w in costs) + "."
            if rng.random() < 0.6:
                cost_options.append({"id": uid("cost_option", sid, len(costs)), "service_id": sid,
                                     "option": "Young people referred by a social prescriber or eligible for free school meals",
                                     "currency": "GBP", "amount": 0, "amount_description": "Free place"})
                fees += " Free places for young people referred by a social prescriber or eligible for free school meals."

        # contact
        first, last = org["person"]
        title = TITLES.get(svc["cats"][0], "Coordinator")
        cid = uid("contact", sid)
        contact = {"id": cid, "service_id": sid, "name": f"{first} {last}", "title": title,
                   "email": f"{first.lower()}.{last.lower()}@example.org"}
        if n % 3 == 0:
            contact["phones"] = [{"id": uid("phone", cid), "contact_id": cid, "number": org["mobile"], "type": "cell",
                                  "description": "Mobile; texts welcome."}]

        # attributes: needs, then activities, then categories
        attrs = []
        term_list = [local_term("needs", c) for c in svc["needs"]]
        for a in svc["acts"]:
            t, broader = openactive_term(a)
            openactive_broader[t["id"]] = broader
            term_list.append(t)
        term_list += [local_term("categories", c) for c in svc["cats"]]
        for t in term_list:
            used_terms[t["id"]] = t
            attrs.append({"id": uid("attribute", sid, t["id"]), "link_id": sid, "link_entity": "service",
                          "taxonomy_term_id": t["id"], "taxonomy_term": t})  # filled in later

        places = [f"{VENUES[v][0]}, {VENUES[v][2]}" for v in svc["venues"]]
        description = svc["blurb"] + " Sessions take place at " + " and at ".join(places) + "."
        service = {
            "id": sid,
            "organization_id": org["object"]["id"],
            "name": svc["name"],
            "description": description,
            "url": f"https://{org['host']}.example.org/{slug(svc['name'])}",
            "email": org["object"]["email"],
            "status": status,
            "application_process": svc.get("apply") or DEFAULT_APPLY.get(svc["cats"][0], GENERIC_APPLY),
            "fees_description": fees,
            "eligibility_description": eligibility(svc, towns),
            "minimum_age": svc["min_age"],
            "maximum_age": svc["max_age"],
            "assured_date": assured.isoformat(),
            "assurer_email": "directory-team@example.org",
            "last_modified": last_modified,
        }
        if svc.get("wait"):
            service["wait_time"] = svc["wait"]
        if svc.get("alert"):
            service["alert"] = svc["alert"]
        service.update({
            "phones": [{"id": uid("phone", sid), "service_id": sid, "number": org["phone"], "type": "voice",
                        "description": "Main number; answerphone outside session times."}],
            "schedules": schedules,
            "service_at_locations": sal_list,
            "languages": [{"id": uid("language", sid, "en"), "service_id": sid, "name": "English", "code": "en"}],
            "organization": org["object"],
            "cost_options": cost_options,
            "contacts": [contact],
            "attributes": attrs,
        })
        services.append(service)

    # parent_id for OpenActive terms whose broader concept is also used
    uri_to_id = {t["term_uri"]: t["id"] for t in used_terms.values()}
    for tid, broader in openactive_broader.items():
        parents = [uri_to_id[b] for b in broader if b in uri_to_id]
        if parents:
            used_terms[tid]["parent_id"] = parents[0]

    tax_by_id = {t["id"]: t for t in TAXONOMIES.values()}
    for s in services:
        for a in s["attributes"]:
            base = used_terms[a["taxonomy_term_id"]]
            a["taxonomy_term"] = order_term(dict(base, taxonomy_detail=tax_by_id[base["taxonomy_id"]]))

    term_order = {"openactive": 0, "needs": 1, "categories": 2}
    tax_key = {v["id"]: k for k, v in TAXONOMIES.items()}
    terms = sorted((order_term(t) for t in used_terms.values()),
                   key=lambda t: (term_order[tax_key[t["taxonomy_id"]]], t["name"]))
    taxonomies = {"taxonomies": list(TAXONOMIES.values()), "taxonomy_terms": terms}
    return services, taxonomies


TERM_KEYS = ["id", "code", "name", "description", "parent_id", "taxonomy", "taxonomy_detail", "language", "taxonomy_id", "term_uri"]


def order_term(t):
    return {k: t[k] for k in TERM_KEYS if k in t}


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
URI_RE = re.compile(r"^https?://[^\s]+$")
PHONE_RE = re.compile(r"^(01632 960\d{3}|07700 900\d{3})$")
BANDS = [("5-7", 5, 7), ("8-10", 8, 10), ("11-15", 11, 15), ("16-19", 16, 19), ("20-25", 20, 25)]


def km(lat1, lng1, lat2, lng2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


class MiniValidator:
    """A small validator for the subset of JSON Schema the HSDS 3.0 schemas use:
    type, properties, items, required, enum, format and relative $ref. It also reports
    properties the schema does not define (HSDS does not forbid them, but we want none)."""

    def __init__(self, schema_dir):
        self.dir = schema_dir
        self.cache = {}

    def load(self, name):
        if name not in self.cache:
            with open(os.path.join(self.dir, name), encoding="utf-8") as f:
                self.cache[name] = json.load(f)
        return self.cache[name]

    def validate(self, value, schema, path="$", errors=None):
        errors = [] if errors is None else errors
        if "$ref" in schema:
            return self.validate(value, self.load(schema["$ref"]), path, errors)
        t = schema.get("type")
        types = {"string": str, "number": (int, float), "integer": int, "object": dict, "array": list, "boolean": bool}
        if t and (not isinstance(value, types[t]) or (t in ("number", "integer") and isinstance(value, bool))):
            errors.append(f"{path}: expected {t}, got {type(value).__name__}")
            return errors
        if "enum" in schema and value not in schema["enum"]:
            errors.append(f"{path}: {value!r} not in {schema['enum']}")
        fmt = schema.get("format")
        if isinstance(value, str) and fmt:
            ok = {"uuid": UUID_RE, "email": EMAIL_RE, "date-time": DATETIME_RE, "uri": URI_RE}.get(fmt)
            if ok and not ok.match(value):
                errors.append(f"{path}: {value!r} is not a valid {fmt}")
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for r in schema.get("required", []):
                if r not in value:
                    errors.append(f"{path}: missing required property {r!r}")
            for k, v in value.items():
                if k not in props:
                    errors.append(f"{path}: property {k!r} is not in the schema")
                else:
                    self.validate(v, props[k], f"{path}.{k}", errors)
        if isinstance(value, list) and "items" in schema:
            for i, v in enumerate(value):
                self.validate(v, schema["items"], f"{path}[{i}]", errors)
        return errors


REQUIRED = {  # from HSDS 3.0 schema/*.json "required"
    "service": ["id", "name", "status"], "organization": ["id", "name", "description"],
    "service_at_location": ["id"], "location": ["id", "location_type"],
    "address": ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    "phone": ["id", "number"], "contact": ["id"], "schedule": ["id"], "cost_option": ["id"],
    "attribute": ["id"], "taxonomy_term": ["id", "name", "description"], "taxonomy": ["id", "name", "description"],
    "language": ["id"], "accessibility": ["id"],
}


def require(obj, kind, where, errors):
    for r in REQUIRED[kind]:
        if r not in obj or obj[r] in (None, ""):
            errors.append(f"{where}: {kind} missing {r}")


def check(services, taxonomies, postcodes):
    errors = []
    ids = {}

    def unique(kind, value, where):
        prev = ids.setdefault((kind, value), where)
        if prev != where:
            errors.append(f"{where}: duplicate {kind} id {value} (also {prev})")

    active = [s for s in services if s["status"] == "active"]
    for s in services:
        w = s["name"]
        require(s, "service", w, errors)
        unique("service", s["id"], w)
        if s["status"] not in ("active", "inactive", "defunct", "temporarily closed"):
            errors.append(f"{w}: bad status")
        if not (4 <= s["minimum_age"] <= s["maximum_age"] <= 25):
            errors.append(f"{w}: bad ages")
        if not DATE_RE.match(s["assured_date"]) or not DATETIME_RE.match(s["last_modified"]):
            errors.append(f"{w}: bad dates")
        require(s["organization"], "organization", w, errors)
        if s["organization_id"] != s["organization"]["id"]:
            errors.append(f"{w}: organization_id mismatch")
        for p in s["phones"] + [p for c in s["contacts"] for p in c.get("phones", [])]:
            require(p, "phone", w, errors)
            unique("phone", p["id"], w)
            if not PHONE_RE.match(p["number"]):
                errors.append(f"{w}: phone {p['number']} is not in an Ofcom drama range")
        for c in s["contacts"]:
            require(c, "contact", w, errors)
            if not c["email"].endswith("@example.org"):
                errors.append(f"{w}: contact email not on example.org")
        for sch in s["schedules"]:
            require(sch, "schedule", w, errors)
            unique("schedule", sch["id"], w)
            if sch["freq"] not in ("WEEKLY", "MONTHLY") or sch["wkst"] != "MO":
                errors.append(f"{w}: bad schedule freq/wkst")
            if not (TIME_RE.match(sch["opens_at"]) and TIME_RE.match(sch["closes_at"]) and sch["opens_at"] < sch["closes_at"]):
                errors.append(f"{w}: bad schedule times")
            if sch.get("interval", 1) > 1 and "dtstart" not in sch:
                errors.append(f"{w}: interval without dtstart")
        for co in s["cost_options"]:
            require(co, "cost_option", w, errors)
            unique("cost_option", co["id"], w)
            if co["currency"] != "GBP" or co["amount"] < 0:
                errors.append(f"{w}: bad cost option")
        if not s["cost_options"]:
            errors.append(f"{w}: no cost options")
        if not s["service_at_locations"]:
            errors.append(f"{w}: no locations")
        for sal in s["service_at_locations"]:
            require(sal, "service_at_location", w, errors)
            unique("service_at_location", sal["id"], w)
            loc = sal["location"]
            require(loc, "location", w, errors)
            if sal["location_id"] != loc["id"]:
                errors.append(f"{w}: location_id mismatch")
            for a in loc["addresses"]:
                require(a, "address", w, errors)
                if a["postal_code"] not in postcodes:
                    errors.append(f"{w}: postcode {a['postal_code']} missing from postcode list")
                if not POSTCODE_RE.match(a["postal_code"]):
                    errors.append(f"{w}: bad postcode {a['postal_code']}")
                d = km(loc["latitude"], loc["longitude"], *TOWN_CENTRE)
                if d > 10.5:
                    errors.append(f"{w}: {loc['name']} is {d:.1f} km from Lancaster")
                if a["postal_code"].startswith("LA1 ") and not (54.03 <= loc["latitude"] <= 54.08 and -2.83 <= loc["longitude"] <= -2.76):
                    errors.append(f"{w}: {loc['name']} is outside the Lancaster box")
        for a in s["attributes"]:
            require(a, "attribute", w, errors)
            unique("attribute", a["id"], w)
            require(a["taxonomy_term"], "taxonomy_term", w, errors)
            require(a["taxonomy_term"]["taxonomy_detail"], "taxonomy", w, errors)
            if a["link_id"] != s["id"] or a["taxonomy_term_id"] != a["taxonomy_term"]["id"]:
                errors.append(f"{w}: attribute links wrong")
        needs = [a for a in s["attributes"] if a["taxonomy_term"]["taxonomy_id"] == TAXONOMIES["needs"]["id"]]
        if not needs:
            errors.append(f"{w}: no needs terms")

    # taxonomy terms: codes unique within their taxonomy; needs codes exactly the referral reasons
    codes = {}
    for t in taxonomies["taxonomy_terms"]:
        require(t, "taxonomy_term", t["name"], errors)
        key = (t["taxonomy_id"], t["code"])
        if key in codes:
            errors.append(f"duplicate term code {t['code']}")
        codes[key] = t
    for tax in taxonomies["taxonomies"]:
        require(tax, "taxonomy", tax["name"], errors)
    need_codes = {t["code"] for t in taxonomies["taxonomy_terms"] if t["taxonomy_id"] == TAXONOMIES["needs"]["id"]}
    if need_codes != set(NEEDS):
        errors.append(f"needs terms used {sorted(need_codes)} are not exactly the referral reasons")

    # coverage and deliberate gaps (active services only)
    def with_need(code):
        return [s for s in active if any(a["taxonomy_term"]["code"] == code for a in s["attributes"])]

    for code in NEEDS:
        if len(with_need(code)) < 3:
            errors.append(f"need {code} has fewer than 3 active services")
    if any(s["minimum_age"] < 8 for s in with_need("bereavement")):
        errors.append("gap broken: an active bereavement service takes under-8s")
    wm = with_need("weight_management")
    if len(wm) != 3 or any(s["maximum_age"] >= 16 for s in wm):
        errors.append("gap broken: weight_management should be exactly 3 active services, none for 16+")
    sl = with_need("sleep")
    older = [s for s in sl if s["maximum_age"] >= 16]
    if len(sl) != 3 or len(older) != 1 or fresh(older[0]):
        errors.append("gap broken: sleep should be 3 active services, the only 16+ one stale")
    sa = with_need("school_attendance")
    if len(sa) < 3 or any(not sal["location"]["addresses"][0]["postal_code"].startswith("LA1 ")
                          for s in sa for sal in s["service_at_locations"]):
        errors.append("gap broken: school_attendance services should all be in LA1")
    if not 110 <= len(services) <= 130:
        errors.append(f"{len(services)} services, expected 110-130")
    return errors


def fresh(s):
    return (REFERENCE_DATE - dt.date.fromisoformat(s["assured_date"])).days <= FRESH_DAYS


def coverage_report(services):
    active = [s for s in services if s["status"] == "active"]
    lines = ["need                 " + " ".join(f"{b[0]:>6}" for b in BANDS) + "  active  fresh"]
    for code in NEEDS:
        rows = [s for s in active if any(a["taxonomy_term"]["code"] == code for a in s["attributes"])]
        cells = [sum(1 for s in rows if s["minimum_age"] <= hi and s["maximum_age"] >= lo) for _, lo, hi in BANDS]
        lines.append(f"{code:<20} " + " ".join(f"{c:>6}" for c in cells) + f"  {len(rows):>6}  {sum(1 for s in rows if fresh(s)):>5}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def write_json(path, data):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=here, help="output directory (default: this script's directory)")
    ap.add_argument("--activity-list", help="path to openactive activity-list.jsonld to re-verify the embedded terms")
    ap.add_argument("--schema-dir", help="path to HSDS 3.0 schema/ directory (with compiled/service.json) to validate against")
    args = ap.parse_args()

    if args.activity_list:
        with open(args.activity_list, encoding="utf-8") as f:
            concepts = {c["identifier"]: c for c in json.load(f)["concept"]}
        for notation, (ident, label, definition, broader) in OPENACTIVE_TERMS.items():
            c = concepts.get(ident)
            if not c or c.get("prefLabel") != label or c.get("notation") != notation:
                sys.exit(f"OpenActive term {notation} ({ident}) does not match the activity list")
        print(f"verified {len(OPENACTIVE_TERMS)} OpenActive terms")

    services, taxonomies = build(args)

    postcodes = {}
    for vname, addr1, town, pc, lat, lng, *_ in VENUES.values():
        assert pc not in postcodes, pc
        postcodes[pc] = (lat, lng)
    for pc, lat, lng in RESIDENTIAL_POSTCODES:
        assert pc not in postcodes, pc
        assert POSTCODE_RE.match(pc), pc
        assert km(lat, lng, *TOWN_CENTRE) <= 10.5, pc
        postcodes[pc] = (lat, lng)

    errors = check(services, taxonomies, postcodes)
    if args.schema_dir:
        mv = MiniValidator(args.schema_dir)
        compiled = mv.load(os.path.join("compiled", "service.json"))
        for i, s in enumerate(services):
            errors += mv.validate(s, compiled, f"$[{i}]")
        for i, t in enumerate(taxonomies["taxonomies"]):
            errors += mv.validate(t, mv.load("taxonomy.json"), f"taxonomies[{i}]")
        for i, t in enumerate(taxonomies["taxonomy_terms"]):
            errors += mv.validate(t, mv.load("taxonomy_term.json"), f"taxonomy_terms[{i}]")
        try:
            import jsonschema
            v = jsonschema.Draft202012Validator(compiled, format_checker=jsonschema.FormatChecker())
            n = sum(1 for s in services for _ in v.iter_errors(s))
            errors += [f"jsonschema: {e.message}" for s in services for e in v.iter_errors(s)][:20]
            print(f"jsonschema {jsonschema.__name__}: {n} errors against compiled/service.json")
        except ImportError:
            print("jsonschema not installed; used the built-in validator only")
    if errors:
        for e in errors[:50]:
            print("ERROR", e, file=sys.stderr)
        sys.exit(f"{len(errors)} errors")

    os.makedirs(args.out, exist_ok=True)
    write_json(os.path.join(args.out, "synthetic-directory.json"), services)
    write_json(os.path.join(args.out, "synthetic-taxonomies.json"), taxonomies)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["postcode", "latitude", "longitude"])
    for pc in sorted(postcodes):
        lat, lng = postcodes[pc]
        w.writerow([pc, f"{lat:.4f}", f"{lng:.4f}"])
    with open(os.path.join(args.out, "synthetic-postcodes.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    active = sum(1 for s in services if s["status"] == "active")
    stale = sum(1 for s in services if not fresh(s))
    used_orgs = {s["organization"]["id"] for s in services}
    print(f"services: {len(services)} ({active} active, {len(services) - active} inactive, {stale} assured over six months before {REFERENCE_DATE})")
    print(f"organisations: {len(used_orgs)}; locations: {len({sal['location_id'] for s in services for sal in s['service_at_locations']})}; postcodes: {len(postcodes)}")
    counts = {}
    for t in taxonomies["taxonomy_terms"]:
        counts[t["taxonomy"]] = counts.get(t["taxonomy"], 0) + 1
    print("taxonomy terms:", counts)
    print(coverage_report(services))


if __name__ == "__main__":
    main()
