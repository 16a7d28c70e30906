#!/usr/bin/env python3
"""Generates a large, realistic lexicon for the scale benchmark (issue 3).

Deterministic (fixed seed). Rows look like what a media-monitoring customer
loads: company names with legal forms ("Nordwind Solartechnik GmbH",
"Heinrich Becker & Söhne KG"), person names ("Anna-Lena Vogt",
"Karl-Heinz von Albrecht"), product model designations ("Vario XR-400",
"Astra 7 Pro", "ID.9"). Every surface is distinct.

usage: generate_lexicon.py ROWS OUTPUT.tsv
"""
import random
import sys

FIRST = """Anna Lena Sophie Marie Laura Julia Lea Hannah Emma Mia Lisa Sarah Katharina Johanna Clara Paula
Lukas Leon Finn Jonas Paul Felix Elias Noah Ben Luis Maximilian Julian Moritz Tim Jan Niklas David Alexander
Thomas Michael Andreas Stefan Christian Martin Frank Markus Peter Klaus Jürgen Wolfgang Dieter Uwe Ralf Sven
Petra Sabine Monika Andrea Claudia Susanne Birgit Karin Ute Heike Gabriele Renate Ingrid Ursula Helga Jutta
Mehmet Ayşe Fatma Ali Mustafa Elif Emre Can Deniz Yusuf Wei Li Ming Hao Jun Yan Kenji Yuki Hiroshi Akira
Olivier Camille Pierre Luc Giulia Marco Luca Francesca Pablo Lucía Javier Carmen João Ana Piotr Agnieszka
James Mary Robert Patricia John Jennifer William Linda Richard Elizabeth Joseph Susan Charles Jessica""".split()
LAST = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein
Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier
Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller
Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß
Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann
Thomas Voigt Sauer Arnold Wolff Pfeiffer Yılmaz Kaya Demir Şahin Çelik Wang Zhang Liu Chen Yang Huang Zhao
Tanaka Suzuki Watanabe Dubois Moreau Laurent Rossi Russo Ferrari Esposito García Fernández López Silva Santos
Kowalski Nowak Wiśniewski Smith Johnson Brown Taylor Anderson Wilson Moore Jackson Harris Clark Lewis Walker""".split()
PARTICLES = ["von", "von der", "van", "de", "zu"]
STEMS = """Nord Süd West Ost Alpen Rhein Elb Donau Main Ruhr Isar Spree Weser Mosel Neckar Harz Taunus Eifel
Nordwind Sonnen Stern Blitz Falken Adler Löwen Bären Wolfs Eichen Linden Birken Tannen Kristall Silber Gold
Kupfer Stahl Eisen Licht Wasser Feuer Wolken Himmel Berg Tal Wald Feld See Meer Insel Hafen Brücken Turm
Delta Omega Alpha Beta Gamma Sigma Nova Terra Aqua Sol Luna Vita Flex Tec Tron Lux Vox Max Pro Net Soft Data""".split()
TRADES = """Solartechnik Logistik Maschinenbau Elektronik Automotive Energie Systeme Software Holding Immobilien
Pharma Chemie Bau Verkehr Antriebstechnik Batterietechnik Halbleiter Robotik Sensorik Medien Verlag Druck
Handel Versand Consulting Finanz Capital Invest Versicherung Textil Möbel Lebensmittel Getränke Brauerei
Mobility Motors Fahrzeugbau Karosseriebau Werkzeugbau Kunststoff Glas Optik Laser Akustik Kommunikation""".split()
FORMS = ["GmbH", "AG", "SE", "KG", "GmbH & Co. KG", "Holding AG", "Group", "Inc.", "Ltd.", "S.A.", "S.p.A.", "B.V.", "e.K.", "KGaA"]
MODEL_WORDS = """Astra Vario Nova Terra Orion Vega Atlas Titan Aurora Zenit Polaris Sirius Kronos Helios Lyra Apex
Vector Pulse Spark Volt Ion Flux Quantum Fusion Horizon Summit Ranger Scout Pilot Cruiser Rover Trail Urban
City Cross Sport Tour Grand Prime Edge Neo Evo""".split()
SUFFIXES = ["Pro", "Plus", "Max", "Ultra", "Sport", "Lite", "GT", "RS", "e", "Hybrid", "Touring", "Cross"]

def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(20261125)
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        f.write("surface\ttype\tcanonical\tid\tmaker\tflags\n")
        companies = []
        n = 0
        while n < rows:
            kind = rnd.random()
            if kind < 0.45:
                style = rnd.random()
                if style < 0.4:
                    name = f"{rnd.choice(STEMS)} {rnd.choice(TRADES)} {rnd.choice(FORMS)}"
                elif style < 0.7:
                    name = f"{rnd.choice(LAST)} {rnd.choice(TRADES)} {rnd.choice(FORMS)}"
                elif style < 0.85:
                    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} & Söhne {rnd.choice(FORMS)}"
                else:
                    name = f"{rnd.choice(STEMS)}{rnd.choice(STEMS).lower()} {rnd.choice(TRADES)} {rnd.choice(FORMS)}"
                if rnd.random() < 0.3:
                    name = f"{name} {rnd.randint(2, 999)}"
                typ, canonical, maker = "COMPANY", name, ""
                companies.append(name)
            elif kind < 0.8:
                first = rnd.choice(FIRST)
                if rnd.random() < 0.2:
                    first = f"{first}-{rnd.choice(FIRST)}"
                last = rnd.choice(LAST)
                if rnd.random() < 0.1:
                    last = f"{rnd.choice(PARTICLES)} {last}"
                if rnd.random() < 0.3:
                    last = f"{last}-{rnd.choice(LAST)}"
                name = f"{first} {rnd.choice(FIRST)[0]}. {last}" if rnd.random() < 0.2 else f"{first} {last}"
                typ, canonical, maker = "PERSON", name, ""
            else:
                if not companies:
                    continue
                style = rnd.random()
                if style < 0.4:
                    name = f"{rnd.choice(MODEL_WORDS)} {rnd.randint(1, 999)}"
                elif style < 0.7:
                    name = f"{rnd.choice(MODEL_WORDS)} {rnd.choice('ABCDEFGHKLMRSTXZ')}{rnd.choice('ABCDEFGHKLMRSTXZ')}-{rnd.randint(10, 9999)}"
                else:
                    name = f"{rnd.choice(MODEL_WORDS)} {rnd.choice(MODEL_WORDS)} {rnd.choice(SUFFIXES)}"
                if rnd.random() < 0.2:
                    name = f"{rnd.choice('ABCDEFGHIKLMNPQRSTVXYZ')}{rnd.choice('DXQSLT')}.{rnd.randint(1, 99)} {name}"
                typ, canonical, maker = "MODEL", name, rnd.choice(companies)
            if name in seen:
                continue
            seen.add(name)
            f.write(f"{name}\t{typ}\t{canonical}\t\t{maker}\t\n")
            n += 1

if __name__ == "__main__":
    main()
