#!/usr/bin/env python3
"""Writes the labelled evaluation corpus (src/test/resources/io/edgerouter/privacy/corpus/pii-corpus.txt).

Each output line is one short text; entities are marked inline as [[ENTITY_TYPE|value]]. Sentence templates
are hand-written; values are drawn from hand-written lists or generated with valid checksums (Luhn, IBAN
mod-97, NHS mod-11, Base58Check, Bech32, and for the country-specific identifiers appended later the checks of
Presidio's recognizers: DEA, NIF/NIE mod-23, codice fiscale, partita IVA, PESEL, HETU mod-31, NRIC, ABN mod-89,
ACN, TFN mod-11, Medicare, Verhoeff (Aadhaar), RRN, TNIN, ABA, NPI, Luhn (personnummer)) so that the
recognizers' validation paths are exercised. Look-alike fillers ({BAD_PESEL}, {ORDER11}...) fail every checksum.
About a quarter of the person and place names are deliberately absent from the library's gazetteer.
Run once (python3 src/test/corpus/make_corpus.py from the module directory); the output is committed.
Deterministic (fixed seeds; the appended templates draw from their own generator R2, so the lines of the
original templates do not change).
"""
import hashlib
import random
import re

R = random.Random(20261123)

# ---------- values ----------
FIRST_KNOWN = ["John", "Maria", "Ahmed", "Priya", "Hans", "Sophie", "Carlos", "Yuki", "Olga", "Chinedu", "Giulia",
               "Lars", "Fatima", "Wei", "Piotr", "Camille", "Rahul", "Ingrid", "Kwame", "Isabella", "Mehmet", "Emma",
               "Thabo", "Lucía", "Sebastian", "Ananya", "Tomasz", "Aoife", "Mateo", "Hiroshi"]
LAST_KNOWN = ["Smith", "García", "Müller", "Sharma", "Rossi", "Nowak", "Okafor", "Tanaka", "Dubois", "Johansson",
              "Kowalski", "Silva", "Khan", "Yilmaz", "Ivanova", "Nguyen", "Mensah", "Fischer", "O'Brien", "Patel",
              "Hernandez", "Schmidt", "Moreau", "Bianchi", "Dlamini", "Chen", "Park", "Jensen", "Reddy", "Kamau"]
FIRST_UNSEEN = ["Xiomara", "Eero", "Bongani", "Radhika", "Søren", "Ifeoma", "Zoltan", "Marisol", "Keanu", "Aigerim",
                "Teodoro", "Nkechi", "Oisin", "Yara", "Dragan"]
LAST_UNSEEN = ["Quispe", "Haugland", "Mbeki", "Venkataraman", "Kristiansen", "Eze", "Horvath", "Villalobos",
               "Kealoha", "Nurlanova", "Baptista", "Obi", "Whelan", "Haddadi", "Petrovic"]
PLACES_KNOWN = ["Berlin", "Paris", "Madrid", "London", "Tokyo", "Lagos", "Mumbai", "São Paulo", "Toronto", "Sydney",
                "Nairobi", "Warsaw", "Istanbul", "Buenos Aires", "Seoul", "Cape Town", "Dublin", "Amsterdam",
                "Mexico City", "Kyiv", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Poland", "Italy",
                "New Zealand", "United Kingdom", "Bavaria", "California", "Texas", "Ontario", "Zurich", "Lisbon",
                "Hanoi", "Cairo", "Stockholm", "Vienna"]
PLACES_UNSEEN = ["Tromsø", "Timbuktu", "Ushuaia", "Gdynia", "Matera", "Ouagadougou", "Bariloche", "Tartu",
                 "Kananaskis", "Fethiye"]


def person():
    r = R.random()
    if r < 0.6:
        return R.choice(FIRST_KNOWN) + " " + R.choice(LAST_KNOWN)
    if r < 0.75:
        return R.choice(FIRST_UNSEEN) + " " + R.choice(LAST_KNOWN)
    if r < 0.85:
        return R.choice(FIRST_KNOWN) + " " + R.choice(LAST_UNSEEN)
    return R.choice(FIRST_UNSEEN) + " " + R.choice(LAST_UNSEEN)


def first():
    return R.choice(FIRST_KNOWN + FIRST_UNSEEN[:4])


def surname():
    return R.choice(LAST_KNOWN + LAST_UNSEEN[:5])


def place():
    return R.choice(PLACES_UNSEEN) if R.random() < 0.15 else R.choice(PLACES_KNOWN)


def email():
    users = ["john.smith", "m.garcia", "priya_s", "hans.mueller", "info", "sophie.dubois", "k.mensah99",
             "olga.ivanova", "wei.chen", "team-lead", "a.rossi+news", "lars.j"]
    domains = ["example.com", "mail.de", "firma.co.uk", "univ.edu", "entreprise.fr", "correo.es", "empresa.com.br",
               "startup.io", "gmail.com", "outlook.com", "posteo.de", "tata.co.in"]
    return R.choice(users) + "@" + R.choice(domains)


def phone():
    d = lambda n: "".join(str(R.randint(0, 9)) for _ in range(n))
    area = R.choice(["212", "415", "617", "312", "206", "512", "303", "404"])
    ex = str(R.randint(2, 9)) + d(2)
    forms = [
        f"({area}) {ex}-{d(4)}", f"{area}-{ex}-{d(4)}", f"+1 {area} {ex} {d(4)}", f"+1-{area}-{ex}-{d(4)}",
        f"+44 20 7946 0{d(3)}", f"+44 7400 {R.randint(1, 9)}{d(5)}", f"020 7946 0{d(3)}",
        f"+49 30 {R.randint(2, 9)}{d(7)}", f"+49 151 {R.randint(2, 9)}{d(7)}", f"030 {R.randint(2, 9)}{d(6)}",
        f"+33 1 {R.randint(40, 49)} {d(2)} {d(2)} {d(2)}", f"06 {R.randint(10, 99)} {d(2)} {d(2)} {d(2)}",
        f"+91 98{d(3)} {d(5)}", f"+55 11 9{R.randint(6, 9)}{d(3)}-{d(4)}", f"+61 2 9{d(3)} {d(4)}",
        f"+81 3-{R.randint(3, 6)}{d(3)}-{d(4)}", f"+34 91{d(1)} {d(3)} {d(3)}", f"+39 06 {R.randint(4, 9)}{d(3)} {d(4)}",
        f"+31 20 {R.randint(2, 7)}{d(2)} {d(4)}", f"+234 803 {d(3)} {d(4)}",
    ]
    return R.choice(forms)


def luhn_complete(prefix, length):
    digits = prefix + "".join(str(R.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    for c in "0123456789":
        cand = digits + c
        s = 0
        for i, ch in enumerate(reversed(cand)):
            v = int(ch)
            if i % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            s += v
        if s % 10 == 0:
            return cand
    raise AssertionError


def card():
    kind = R.choice(["visa", "mc", "amex", "disc", "visa", "mc"])
    if kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
        return R.choice([f"{n[:4]} {n[4:10]} {n[10:]}", n, f"{n[:4]}-{n[4:10]}-{n[10:]}"])
    prefix = {"visa": "4", "mc": str(R.randint(51, 55)), "disc": "6011"}[kind]
    n = luhn_complete(prefix, 16)
    sep = R.choice([" ", "-", ""])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def bad_card():
    n = card().replace(" ", "").replace("-", "")
    last = (int(n[-1]) + R.randint(1, 9)) % 10
    return n[:-1] + str(last)


IBAN_FORMATS = {"DE": "18n", "GB": "4a14n", "FR": "23n", "ES": "20n", "NL": "4a10n", "IT": "1a22n", "CH": "17n",
                "BE": "12n", "PL": "24n", "AT": "16n", "IE": "4a14n", "PT": "21n"}


def iban():
    cc = R.choice(list(IBAN_FORMATS))
    spec = IBAN_FORMATS[cc]
    bban = ""
    num = ""
    for ch in spec:
        if ch.isdigit():
            num += ch
        else:
            k = int(num)
            num = ""
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if ch == "a" else "0123456789"
            bban += "".join(R.choice(alphabet) for _ in range(k))
    rearranged = bban + cc + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    full = f"{cc}{check:02d}{bban}"
    style = R.choice(["space", "space", "compact", "dash"])
    if style == "compact":
        return full
    groups = [full[i:i + 4] for i in range(0, len(full), 4)]
    return (" " if style == "space" else "-").join(groups)


def ipv4():
    return ".".join(str(R.randint(1, 254)) for _ in range(4))


def ipv6():
    h = lambda: format(R.randint(1, 0xffff), "x")
    forms = [":".join(h() for _ in range(8)), f"2001:db8::{h()}:{h()}", f"fe80::{h()}:{h()}%eth0",
             f"::ffff:{ipv4()}", f"2a02:{h()}:{h()}::{h()}", f"fd00::{h()}"]
    return R.choice(forms)


def mac():
    b = [R.randint(0, 255) for _ in range(6)]
    b[0] = b[0] | 2 if b[0] == 0 else b[0]
    hx = [format(x, "02X") for x in b]
    forms = [":".join(hx), "-".join(hx), ":".join(x.lower() for x in hx),
             ".".join("".join(hx[i:i + 2]).lower() for i in (0, 2, 4))]
    return R.choice(forms)


def url():
    hosts = ["example.com", "shop.example.de", "intranet.acme.co.uk", "docs.startup.io", "portal.gov.in",
             "blog.exemple.fr", "www.tienda.es", "files.example.org"]
    paths = ["", "/login", "/users/4711/profile", "/reset?token=abc123", "/en/docs/install.html", "/a/b?x=1&y=2"]
    host = R.choice(hosts)
    forms = [f"https://{host}{R.choice(paths)}", f"http://{host}{R.choice(paths)}",
             f"www.{host.split('.', 1)[1] if host.startswith('www.') else host}"]
    return R.choice(forms)


def ssn():
    while True:
        area = R.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def itin():
    mid = R.choice(list(range(70, 89)) + list(range(50, 66)) + [90, 91, 92, 94, 95, 99])
    return f"9{R.randint(0, 99):02d}-{mid:02d}-{R.randint(0, 9999):04d}"


def passport():
    return R.choice([R.choice("ACEHMPRXZ") + "".join(str(R.randint(0, 9)) for _ in range(8)),
                     str(R.randint(1, 9)) + "".join(str(R.randint(0, 9)) for _ in range(8))])


def driver_license():
    forms = [R.choice("ABDFGHJKLMNPRSTW") + "".join(str(R.randint(0, 9)) for _ in range(7)),
             R.choice("ABDFGHJKLMNPRSTW") + "".join(str(R.randint(0, 9)) for _ in range(12)),
             f"{R.choice('SDWB')}{R.randint(100, 999)}-{R.randint(100, 999)}-{R.randint(10, 99)}-{R.randint(100, 999)}-{R.randint(0, 9)}"]
    return R.choice(forms)


def bank():
    n = R.randint(8, 17)
    return str(R.randint(1, 9)) + "".join(str(R.randint(0, 9)) for _ in range(n - 1))


def nhs():
    while True:
        d = [R.randint(0, 9) for _ in range(9)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        c = 11 - s % 11
        c = 0 if c == 11 else c
        if c != 10:
            n = "".join(map(str, d)) + str(c)
            return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"])


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def b58check(version):
    payload = bytes([version]) + bytes(R.randint(0, 255) for _ in range(20))
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(payload + chk, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return "1" * (len(payload + chk) - len((payload + chk).lstrip(b"\0"))) + s


def polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def bech32(witver, nbytes):
    prog = [R.randint(0, 255) for _ in range(nbytes)]
    acc, bits, data = 0, 0, []
    for v in prog:
        acc = (acc << 8) | v
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    data = [witver] + data
    hrp = "bc"
    const = 1 if witver == 0 else 0x2bc830a3
    exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = polymod(exp + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def crypto():
    return R.choice([b58check(0), b58check(5), bech32(0, 20), bech32(1, 32)])


def date():
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    y, m, dd = R.randint(1950, 2030), R.randint(1, 12), R.randint(1, 28)
    forms = [f"{y}-{m:02d}-{dd:02d}", f"{dd:02d}/{m:02d}/{y}", f"{m}/{dd}/{y}", f"{dd}.{m:02d}.{y}",
             f"{dd} {months[m - 1]} {y}", f"{months[m - 1]} {dd}, {y}", f"{months[m - 1][:3]} {dd}, {y}",
             f"{y}-{m:02d}-{dd:02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00Z", f"{months[m - 1]} {y}",
             f"{dd}th of {months[m - 1]}"]
    return R.choice(forms)


def time():
    return R.choice([f"{R.randint(0, 23):02d}:{R.choice(['00', '15', '30', '45'])}", f"{R.randint(1, 12)} pm",
                     f"{R.randint(1, 12)}:{R.choice(['00', '30'])} am", f"{R.randint(1, 12)}:{R.choice(['05', '45'])} PM"])


def rnd(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


AZ09 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def api_key():
    return R.choice(["AKIA" + rnd(AZ09.replace("0", ""), 16), "ghp_" + rnd(ALNUM, 36), "xoxb-" + rnd("0123456789", 11)
                     + "-" + rnd("0123456789", 12) + "-" + rnd(ALNUM, 24), "AIza" + rnd(ALNUM + "_-", 35),
                     "sk_live_" + rnd(ALNUM, 24), "sk-proj-" + rnd(ALNUM, 40)])


def b64url(s):
    import base64
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def jwt():
    h = b64url('{"alg":"HS256","typ":"JWT"}')
    p = b64url('{"sub":"%d","name":"user","iat":%d}' % (R.randint(1000, 99999), R.randint(1600000000, 1800000000)))
    return f"{h}.{p}.{rnd(ALNUM + '_-', 43)}"


def secret():
    return rnd(ALNUM, R.randint(32, 48))


def private_key():
    body = "\\n".join(rnd(ALNUM + "+/", 64) for _ in range(3))
    kind = R.choice(["RSA ", "EC ", "", "OPENSSH "])
    return f"-----BEGIN {kind}PRIVATE KEY-----\\n{body}\\n-----END {kind}PRIVATE KEY-----"


SLOTS = {
    "PERSON": person, "FIRST": first, "SURNAME": surname, "LOCATION": place, "EMAIL_ADDRESS": email,
    "PHONE_NUMBER": phone, "CREDIT_CARD": card, "IBAN_CODE": iban, "IPV4": ipv4, "IPV6": ipv6, "MAC_ADDRESS": mac,
    "URL": url, "US_SSN": ssn, "US_ITIN": itin, "US_PASSPORT": passport, "US_DRIVER_LICENSE": driver_license,
    "US_BANK_NUMBER": bank, "UK_NHS": nhs, "CRYPTO": crypto, "DATE": date, "TIME": time, "API_KEY": api_key,
    "JWT": jwt, "SECRET": secret, "PRIVATE_KEY": private_key,
}
ENTITY_OF = {"FIRST": "PERSON", "SURNAME": "PERSON", "IPV4": "IP_ADDRESS", "IPV6": "IP_ADDRESS", "DATE": "DATE_TIME",
             "TIME": "DATE_TIME", "JWT": "AUTH_TOKEN"}
# Unlabelled fillers: values that must NOT be reported.
FILLERS = {"BADCARD": bad_card, "NUM": lambda: str(R.randint(2, 999)), "PRICE": lambda: f"{R.randint(5, 2000)}.{R.randint(0, 99):02d}",
           "VERSION": lambda: f"{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}",
           "ORDER": lambda: f"#{R.randint(10000, 99999)}"}


# ---------- values for the country-specific identifiers (appended; drawn from their own generator) ----------
# R2 is separate from R so that the lines generated from the original templates stay byte-identical.
# Each generator produces values that pass the checksum Presidio's recognizer applies (where it has one) and is
# re-drawn when the value would also pass another recognizer's checksum (e.g. an Italian VAT code that happens to
# be a valid PESEL), so that every type is measured on its own and not on accidental collisions.
import re

R2 = random.Random(20261124)


def d2(n):
    return "".join(str(R2.randint(0, 9)) for _ in range(n))


def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return s % 10 == 0


def luhn_digit(payload):
    return next(c for c in "0123456789" if luhn_ok(payload + c))


def only_digits(s):
    return "".join(c for c in s if c.isdigit())


def dea_ok(s):
    d = [int(c) for c in s[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def nif_ok(s):
    s = s.replace("-", "").upper()
    return s[-1] == NIF_LETTERS[int(only_digits(s)) % 23]


def nie_ok(s):
    s = s.replace("-", "").upper()
    if s[:1] not in "XYZ" or not 8 <= len(s) <= 9:
        return False
    return s[-1] == NIF_LETTERS[int(str("XYZ".index(s[0])) + s[1:-1]) % 23]


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23]))
CF_EVEN = {c: (int(c) if c.isdigit() else ord(c) - 65) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def cf_check(body):
    body = body.upper()
    return chr(65 + (sum(CF_ODD[c] for c in body[0::2]) + sum(CF_EVEN[c] for c in body[1::2])) % 26)


def cf_ok(s):
    return cf_check(s[:-1]) == s[-1].upper()


def piva_ok(s):
    t = s.replace(" ", "").replace("_", "").replace("-", "")
    if t == "00000000000":
        return False
    x = sum(int(t[2 * i]) for i in range(5))
    y = sum((lambda v: v - 9 if v > 9 else v)(int(t[2 * i + 1]) * 2) for i in range(5))
    return (10 - (x + y) % 10) % 10 == int(t[10])


def pesel_ok(s):
    d = [int(c) for c in s]
    return len(d) == 11 and (10 - sum(a * b for a, b in zip(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3])) % 10) % 10 == d[10]


FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fi_ok(s):
    import datetime
    try:
        datetime.datetime.strptime(s[:6], "%d%m%y")
    except ValueError:
        return False
    return FI_CHECK[int(s[:6] + s[7:10]) % 31] == s[-1]


def abn_ok(s):
    d = [int(c) for c in only_digits(s)]
    d[0] -= 1
    return sum(a * b for a, b in zip(d, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19])) % 89 == 0


def acn_ok(s):
    d = [int(c) for c in only_digits(s)]
    return (10 - sum(a * b for a, b in zip(d, [8, 7, 6, 5, 4, 3, 2, 1])) % 10) % 10 == d[8]


def tfn_ok(s):
    d = [int(c) for c in only_digits(s)]
    return sum(a * b for a, b in zip(d, [1, 4, 3, 7, 5, 8, 6, 9, 10])) % 11 == 0


def medicare_ok(s):
    d = [int(c) for c in only_digits(s)]
    return sum(a * b for a, b in zip(d, [1, 3, 7, 9, 1, 3, 7, 9])) % 10 == d[8]


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(digits):
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def aadhaar_ok(s):
    t = only_digits(s)
    return len(t) == 12 and t[0] >= "2" and verhoeff_ok(t) and t != t[::-1]


def rrn_ok(s):
    t = only_digits(s)
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return len(t) == 13 and int(t[7:9]) <= 95 and (11 - sum(int(t[i]) * w[i] for i in range(12)) % 11) % 10 == int(t[12])


def tnin_ok(s):
    x = sum((13 - i) * int(s[i]) for i in range(12)) % 11
    return (1 - x if x <= 1 else 11 - x) == int(s[12])


def aba_ok(s):
    t = only_digits(s)
    return sum(int(t[i]) * m for i, m in enumerate([3, 7, 1, 3, 7, 1, 3, 7, 1])) % 10 == 0


def npi_ok(s):
    t = only_digits(s)
    return len(set(t[:-1])) > 1 and luhn_ok("80840" + t)


def se_ok(s):
    t = only_digits(s)[-10:]
    if len(t) != 10:
        return False
    m, d = int(t[2:4]), int(t[4:6])
    d = d - 60 if d >= 61 else d
    return 1 <= m <= 12 and 1 <= d <= 31 and luhn_ok(t)


def nhs_ok(s):
    t = only_digits(s)
    c = 11 - sum(int(t[i]) * (10 - i) for i in range(9)) % 11
    return (0 if c == 11 else c) == int(t[9])


IN_STATES = {"AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DH", "DL", "DN", "GA", "GJ", "HR", "HP", "JH", "JK",
             "KA", "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TN", "TR",
             "TS", "UK", "UP", "WB", "CT", "UL", "UA", "UT"}

CF_RE = (r"(?i)((?:[A-Z][AEIOU][AEIOUX]|[AEIOU]X{2}|[B-DF-HJ-NP-TV-Z]{2}[A-Z]){2}"
         r"(?:[\dLMNP-V]{2}(?:[A-EHLMPR-T](?:[04LQ][1-9MNP-V]|[15MR][\dLMNP-V]|[26NS][0-8LMNP-U])|[DHPS][37PT][0L]"
         r"|[ACELMRT][37PT][01LM]|[AC-EHLMPR-T][26NS][9V])|(?:[02468LNQSU][048LQU]|[13579MPRTV][26NS])B[26NS][9V])"
         r"(?:[A-MZ][1-9MNP-V][\dLMNP-V]{2}|[A-M][0L](?:[1-9MNP-V][\dLMNP-V]|[0L][1-9MNP-V]))[A-Z])")
CARD_RE = (r"\b(?!1\d{12}(?!\d))((4\d{3})|(5[0-5]\d{2})|(6\d{3})|(1\d{3})|(3\d{3}))[- ]?(\d{3,4})[- ]?(\d{3,4})"
           r"[- ]?(\d{3,5})\b")
# Presidio's checksum-validated patterns: a match that validates is reported with score 1.0 whatever its context.
VALIDATED = {
    "MEDICAL_LICENSE": (r"[abcdefghjklmprstuxABCDEFGHJKLMPRSTUX][A-Za-z]\d{7}|[abcdefghjklmprstuxABCDEFGHJKLMPRSTUX]9\d{7}", dea_ok),
    "ES_NIF": (r"\b[0-9]?[0-9]{7}-?[A-Z]\b", nif_ok),
    "ES_NIE": (r"\b[X-Z]?[0-9]?[0-9]{7}-?[A-Z]\b", nie_ok),
    "IT_FISCAL_CODE": (CF_RE, cf_ok),
    "IT_VAT_CODE": (r"\b([0-9][ _]?){11}\b", piva_ok),
    "PL_PESEL": (r"[0-9]{2}([02468][1-9]|[13579][012])(0[1-9]|1[0-9]|2[0-9]|3[01])[0-9]{5}", pesel_ok),
    "FI_PERSONAL_IDENTITY_CODE": (r"(\d{6})([-+ABCDEFYXWVU])(\d{3})([0123456789ABCDEFHJKLMNPRSTUVWXY])", fi_ok),
    "AU_ABN": (r"\b\d{2}\s\d{3}\s\d{3}\s\d{3}\b|\b\d{11}\b", abn_ok),
    "AU_ACN": (r"\b\d{3}\s\d{3}\s\d{3}\b|\b\d{9}\b", acn_ok),
    "AU_TFN": (r"\b\d{3}\s\d{3}\s\d{3}\b|\b\d{9}\b", tfn_ok),
    "AU_MEDICARE": (r"\b[2-6]\d{3}\s\d{5}\s\d\b|\b[2-6]\d{9}\b", medicare_ok),
    "IN_AADHAAR": (r"\b[0-9]{12}\b|\b[0-9]{4}[- :][0-9]{4}[- :][0-9]{4}\b", aadhaar_ok),
    "IN_VEHICLE_REGISTRATION": (r"\b[A-Z]{2}\d{1,2}[A-Z]{1,3}\d{4}\b", lambda s: s[:2] in IN_STATES),
    "KR_RRN": (r"(?<!\d)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(-?)[1-4]\d{6}(?!\d)", rrn_ok),
    "TH_TNIN": (r"\b[1-9](?:[134][0-9]|2[0-7]|5[0-8]|[67][0-7]|[89][0-6])\d{10}\b", tnin_ok),
    "ABA_ROUTING_NUMBER": (r"\b[0123678]\d{8}\b|\b[0123678]\d{3}-\d{4}-\d\b", aba_ok),
    "US_NPI": (r"\b[12]\d{9}\b|\b[12]\d{3}[ -]\d{3}[ -]\d{3}\b", npi_ok),
    "SE_PERSONNUMMER": (r"(\d{6,8})([-+]?)\d{4}", se_ok),
    "CREDIT_CARD": (CARD_RE, lambda s: luhn_ok(only_digits(s))),
    "UK_NHS": (r"\b\d{3}([- ]?)\d{3}\1\d{4}\b", nhs_ok),
}
VALIDATED_RE = {k: (re.compile(p), f) for k, (p, f) in VALIDATED.items()}


def validated_hits(text):
    """(type, start, end) for every match of a checksum-validated pattern in text that passes its checksum."""
    out = []
    for typ, (rx, ok) in VALIDATED_RE.items():
        for m in rx.finditer(text):
            try:
                good = ok(m.group(0))
            except (ValueError, IndexError, KeyError):
                good = False
            if good:
                out.append((typ, m.start(), m.end()))
    return out


def clean(typ, make):
    """Draws make() until no other type's checksum accepts the value (typ's own check must accept it)."""
    same = {typ, {"ES_NIE": "ES_NIF"}.get(typ, typ)}
    for _ in range(10000):
        v = make()
        if all(t in same for t, _, _ in validated_hits(v)):
            return v
    raise AssertionError(typ)


def invalid(make):
    """Draws make() until no checksum-validated pattern accepts any part of it: a look-alike that must not count."""
    for _ in range(10000):
        v = make()
        if not validated_hits(v):
            return v
    raise AssertionError


def pick(*forms):
    return R2.choice(forms)


def uk_nino():
    def make():
        while True:
            p = R2.choice("ABCEGHJKLMNPRSTWXYZ") + R2.choice("ABCEGHJKLMNPRSTWXYZ")
            if p not in ("BG", "GB", "NK", "KN", "NT", "TN", "ZZ"):
                break
        n, s = d2(6), R2.choice("ABCD")
        return pick(f"{p} {n[:2]} {n[2:4]} {n[4:]} {s}", f"{p}{n}{s}", f"{p} {n} {s}")
    return clean("UK_NINO", make)


def dea():
    def make():
        body = d2(6)
        d = [int(c) for c in body]
        chk = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return R2.choice("ABFGM") + R2.choice("ABCDEFGHJKLMNPRSTWZ") + body + str(chk)
    return clean("MEDICAL_LICENSE", make)


def es_nif():
    def make():
        n = R2.randint(10000000, 99999999)
        return pick(f"{n}{NIF_LETTERS[n % 23]}", f"{n}-{NIF_LETTERS[n % 23]}", f"{n}{NIF_LETTERS[n % 23]}")
    return clean("ES_NIF", make)


def es_nie():
    def make():
        p, n = R2.choice("XYZ"), d2(7)
        letter = NIF_LETTERS[int(str("XYZ".index(p)) + n) % 23]
        return pick(f"{p}{n}{letter}", f"{p}{n}-{letter}", f"{p}{n}{letter}")
    return clean("ES_NIE", make)


IT_SURNAMES = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
               "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti"]
IT_MALE = ["Marco", "Giuseppe", "Luca", "Alessandro", "Francesco", "Matteo", "Andrea", "Lorenzo", "Davide", "Paolo"]
IT_FEMALE = ["Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Valentina", "Alessia", "Federica", "Anna"]
BELFIORE = ["H501", "F205", "F839", "L219", "G273", "A944", "D612", "L736", "L424", "A662", "Z404", "Z112"]


def cf_part(word, is_name):
    w = word.upper().replace(" ", "").replace("'", "")
    cons = [c for c in w if c.isalpha() and c not in "AEIOU"]
    vow = [c for c in w if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return "".join((cons + vow + ["X", "X", "X"])[:3])


def it_fiscal_code():
    def make():
        female = R2.random() < 0.5
        first_name = R2.choice(IT_FEMALE if female else IT_MALE)
        day = R2.randint(1, 28) + (40 if female else 0)
        body = (cf_part(R2.choice(IT_SURNAMES), False) + cf_part(first_name, True) + f"{R2.randint(40, 99):02d}"
                + R2.choice("ABCDEHLMPRST") + f"{day:02d}" + R2.choice(BELFIORE))
        code = body + cf_check(body)
        assert re.fullmatch(CF_RE, code), code
        return code.lower() if R2.random() < 0.15 else code
    return clean("IT_FISCAL_CODE", make)


def it_vat():
    def make():
        body = d2(7) + f"{R2.randint(1, 100):03d}"
        x = sum(int(body[2 * i]) for i in range(5))
        y = sum((lambda v: v - 9 if v > 9 else v)(int(body[2 * i + 1]) * 2) for i in range(5))
        return body + str((10 - (x + y) % 10) % 10)
    return clean("IT_VAT_CODE", make)


def it_driver_license():
    def make():
        if R2.random() < 0.5:
            return R2.choice(["MI", "RM", "TO", "NA", "FI", "BO", "PA", "VE"]) + d2(7) + R2.choice("ABCDEFGHLMNPRSTUVZ")
        return "U1" + "".join(R2.choice("BCDEFGHLJKMNPRSTUWYXZ0123456789") for _ in range(7)) + R2.choice("ABCDEFGHLMNPRSTUVZ")
    return clean("IT_DRIVER_LICENSE", make)


def it_passport():
    return clean("IT_PASSPORT", lambda: "Y" + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + d2(7))


def it_identity_card():
    def make():
        k = R2.random()
        if k < 0.45:
            return "CA" + d2(5) + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        if k < 0.7:
            return d2(7) + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        return "A" + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + pick(" ", "") + d2(7)
    return clean("IT_IDENTITY_CARD", make)


def pl_pesel():
    def make():
        y = R2.randint(1950, 2012)
        m = R2.randint(1, 12) + (20 if y >= 2000 else 0)
        body = f"{y % 100:02d}{m:02d}{R2.randint(1, 28):02d}{d2(4)}"
        s = sum(int(a) * b for a, b in zip(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
        return body + str((10 - s % 10) % 10)
    return clean("PL_PESEL", make)


def fi_hetu():
    def make():
        y = R2.randint(1945, 2015)
        sign = ("-" if R2.random() < 0.85 else R2.choice("YX")) if y < 2000 else R2.choice("AAAB")
        date6 = f"{R2.randint(1, 28):02d}{R2.randint(1, 12):02d}{y % 100:02d}"
        ind = f"{R2.randint(2, 899):03d}"
        return f"{date6}{sign}{ind}{FI_CHECK[int(date6 + ind) % 31]}"
    return clean("FI_PERSONAL_IDENTITY_CODE", make)


def sg_nric():
    def make():
        p = R2.choice("STFG")
        n = d2(7)
        s = sum(int(a) * b for a, b in zip(n, [2, 7, 6, 5, 4, 3, 2])) + (4 if p in "TG" else 0)
        return p + n + ("JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK")[s % 11]
    return clean("SG_NRIC_FIN", make)


def au_abn():
    def make():
        lead = []
        while not lead:
            rest = d2(9)
            lead = [f"{a}{b}" for a in range(1, 10) for b in range(10) if abn_ok(f"{a}{b}{rest}")]
        n = R2.choice(lead) + rest
        return pick(f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}", f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}", n)
    return clean("AU_ABN", make)


def au_acn():
    def make():
        body = "0" + d2(7) if R2.random() < 0.5 else d2(8)
        n = body + str((10 - sum(int(a) * b for a, b in zip(body, [8, 7, 6, 5, 4, 3, 2, 1])) % 10) % 10)
        return pick(f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", n)
    return clean("AU_ACN", make)


def au_tfn():
    def make():
        c = 10
        while c > 9:
            body = str(R2.randint(1, 8)) + d2(7)
            c = sum(int(a) * b for a, b in zip(body, [1, 4, 3, 7, 5, 8, 6, 9])) % 11
        n = body + str(c)
        return pick(f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", n)
    return clean("AU_TFN", make)


def au_medicare():
    def make():
        body = str(R2.randint(2, 6)) + d2(7)
        n = body + str(sum(int(a) * b for a, b in zip(body, [1, 3, 7, 9, 1, 3, 7, 9])) % 10) + str(R2.randint(1, 5))
        return pick(f"{n[:4]} {n[4:9]} {n[9]}", f"{n[:4]} {n[4:9]} {n[9]}", n)
    return clean("AU_MEDICARE", make)


def in_pan():
    return clean("IN_PAN", lambda: "".join(R2.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3))
                 + R2.choice("PPPPCHFT") + R2.choice("ABDGKMNPRSTV") + d2(4) + R2.choice("ABCDEFGHJKLMNPQRSTUVWXYZ"))


def in_aadhaar():
    def make():
        n = "0"
        while n == n[::-1]:
            body = str(R2.randint(2, 9)) + d2(10)
            n = next(body + c for c in "0123456789" if verhoeff_ok(body + c))
        return pick(f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]}-{n[4:8]}-{n[8:]}", n)
    return clean("IN_AADHAAR", make)


def in_vehicle():
    def make():
        serial = f"{R2.randint(1, 9999):04d}"
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        if R2.random() < 0.15:
            return f"{R2.randint(21, 25)}BH{serial}{R2.choice(letters)}{R2.choice(letters)}"
        if R2.random() < 0.15:
            return f"DL{R2.randint(1, 9)}{R2.choice('CS')}{R2.choice(letters)}{R2.choice(letters)}{serial}"
        st = R2.choice(["MH", "KA", "TN", "KL", "RJ", "GJ", "HR", "WB", "UP"])
        dist = R2.randint(11, 20) if st == "UP" else R2.randint(1, 20)
        return f"{st}{dist:02d}{R2.choice(letters)}{R2.choice(letters) if R2.random() < 0.8 else ''}{serial}"
    return clean("IN_VEHICLE_REGISTRATION", make)


def in_voter():
    return clean("IN_VOTER", lambda: R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + R2.choice("ABCDGHJKMNPRSY")
                 + R2.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + d2(7))


def in_passport():
    def make():
        n = R2.choice("ABCDEFGHJKLMNPRSTUVWY") + str(R2.randint(1, 9)) + d2(5) + str(R2.randint(1, 9))
        return n if R2.random() < 0.8 else n[:3] + " " + n[3:]
    return clean("IN_PASSPORT", make)


def kr_rrn():
    def make():
        y = R2.randint(1950, 2015)
        g = R2.choice("12") if y < 2000 else R2.choice("34")
        body = f"{y % 100:02d}{R2.randint(1, 12):02d}{R2.randint(1, 28):02d}{g}{R2.randint(0, 95):02d}{d2(3)}"
        w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        n = body + str((11 - sum(int(body[i]) * w[i] for i in range(12)) % 11) % 10)
        return pick(f"{n[:6]}-{n[6:]}", f"{n[:6]}-{n[6:]}", n)
    return clean("KR_RRN", make)


def th_tnin():
    def make():
        n2n3 = R2.choice([f"{a}{b}" for a in "134" for b in "0123456789"] + [f"2{b}" for b in "01234567"]
                         + [f"5{b}" for b in "012345678"] + [f"{a}{b}" for a in "67" for b in "01234567"]
                         + [f"{a}{b}" for a in "89" for b in "0123456"])
        body = str(R2.randint(1, 8)) + n2n3 + d2(9)
        x = sum((13 - i) * int(body[i]) for i in range(12)) % 11
        return body + str(1 - x if x <= 1 else 11 - x)
    return clean("TH_TNIN", make)


def aba():
    def make():
        body = R2.choice([f"{i:02d}" for i in list(range(1, 13)) + list(range(21, 33))]) + d2(6)
        n = body + str((10 - sum(int(body[i]) * m for i, m in enumerate([3, 7, 1, 3, 7, 1, 3, 7])) % 10) % 10)
        return pick(n, n, f"{n[:4]}-{n[4:8]}-{n[8]}")
    return clean("ABA_ROUTING_NUMBER", make)


def us_npi():
    def make():
        body = R2.choice("12") + d2(8)
        n = body + luhn_digit("80840" + body)
        return pick(n, n, f"{n[:4]}-{n[4:7]}-{n[7:]}", f"{n[:4]} {n[4:7]} {n[7:]}")
    return clean("US_NPI", make)


MBI_A = "ACDEFGHJKMNPQRTUVWXY"
MBI_AN = "0123456789" + MBI_A


def us_mbi():
    def make():
        c = lambda s: R2.choice(s)
        n = (str(R2.randint(1, 9)) + c(MBI_A) + c(MBI_AN) + d2(1) + c(MBI_A) + c(MBI_AN) + d2(1) + c(MBI_A) + c(MBI_A)
             + d2(2))
        return pick(f"{n[:4]}-{n[4:7]}-{n[7:]}", f"{n[:4]}-{n[4:7]}-{n[7:]}", n)
    return clean("US_MBI", make)


def se_pnr():
    def make():
        y = R2.randint(1940, 2010)
        date6 = f"{y % 100:02d}{R2.randint(1, 12):02d}{R2.randint(1, 28):02d}"
        body = date6 + d2(3)
        n = body + luhn_digit(body)
        return pick(f"{n[:6]}-{n[6:]}", f"{n[:6]}-{n[6:]}", f"{y // 100}{n[:6]}-{n[6:]}", n)
    return clean("SE_PERSONNUMMER", make)


def ssn_digits():
    while True:
        area = R2.randint(1, 899)
        n = f"{area:03d}{R2.randint(1, 99):02d}{R2.randint(1, 9999):04d}"
        if area != 666 and len(set(n)) > 1 and n not in ("123456789", "078051120", "219099999"):
            return n


def ssn_dot():
    n = ssn_digits()
    return f"{n[:3]}.{n[3:5]}.{n[5:]}"


def ssn_space():
    n = ssn_digits()
    return f"{n[:3]} {n[3:5]} {n[5:]}"


def ssn_bare():
    return clean("US_SSN", ssn_digits)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def date_us():
    m, dd, y = R2.randint(1, 12), R2.randint(1, 28), R2.randint(1960, 2030)
    return pick(f"{m}/{dd}/{y}", f"{m:02d}/{dd:02d}/{y}", f"{m}/{R2.randint(13, 28)}/{y}")


def date_eu():
    m, dd, y = R2.randint(1, 12), R2.randint(1, 28), R2.randint(1960, 2030)
    return pick(f"{dd}.{m}.{y}", f"{dd:02d}.{m:02d}.{y}", f"{dd}.{m}.{y % 100:02d}")


def date_ordinal():
    m, dd, y = R2.choice(MONTHS), R2.randint(1, 28), R2.randint(2024, 2027)
    return pick(f"{m} {ordinal(dd)}, {y}", f"{m} {ordinal(dd)}, {y}", f"{m[:3]} {ordinal(dd)}", f"{m} {ordinal(dd)}")


def date_of():
    m, dd, y = R2.choice(MONTHS), R2.randint(1, 28), R2.randint(2024, 2027)
    return pick(f"{ordinal(dd)} of {m}", f"{ordinal(dd)} of {m}", f"{ordinal(dd)} of {m} {y}")


def date_relative():
    day = R2.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    hour = R2.randint(1, 11)
    return pick(f"tomorrow at {hour}pm", f"next {day}", f"tomorrow at {hour}:30 am", f"next {day} at {hour}pm",
                f"this {day} afternoon", "the day after tomorrow", f"{day} at {hour}:15 pm")


def time_seconds():
    return f"{R2.randint(0, 23):02d}:{R2.randint(0, 59):02d}:{R2.randint(0, 59):02d}"


def time_zone():
    h, mi = R2.randint(1, 12), R2.choice(["00", "15", "30", "45"])
    return pick(f"{h}:{mi} PM {R2.choice(['EST', 'PST', 'CST', 'EDT'])}", f"{R2.randint(6, 22):02d}:{mi} "
                + R2.choice(["CET", "UTC", "GMT", "IST", "JST"]), f"{h}:{mi} a.m. {R2.choice(['EST', 'PT'])}")


def datetime_iso():
    base = f"{R2.randint(2020, 2027)}-{R2.randint(1, 12):02d}-{R2.randint(1, 28):02d}T{R2.randint(0, 23):02d}:{R2.randint(0, 59):02d}"
    off = R2.choice(["+01:00", "+02:00", "-05:00", "-08:00", "+05:30", "+09:00"])
    return pick(f"{base}:{R2.randint(0, 59):02d}{off}", f"{base}:{R2.randint(0, 59):02d}.{R2.randint(0, 999):03d}{off}",
                f"{base}{off}")


def year():
    return str(R2.randint(1950, 2005))


# ---------- look-alikes (unlabelled; every one fails every checksum above) ----------
def bad_pesel():
    return invalid(lambda: f"{R2.randint(50, 99):02d}{R2.randint(1, 12):02d}{R2.randint(1, 28):02d}{d2(5)}")


def order11():
    return invalid(lambda: str(R2.randint(1, 9)) + d2(10))


def bad_abn():
    return invalid(lambda: (lambda n: f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}")(str(R2.randint(1, 9)) + d2(10)))


def bad_aadhaar():
    return invalid(lambda: (lambda n: f"{n[:4]} {n[4:8]} {n[8:]}")(str(R2.randint(2, 9)) + d2(11)))


def bad_fiscal():
    def make():
        good = it_fiscal_code().upper()
        return good[:-1] + R2.choice([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != good[-1]])
    return invalid(make)


def bad_nif():
    def make():
        n = R2.randint(10000000, 99999999)
        return f"{n}{R2.choice([c for c in NIF_LETTERS if c != NIF_LETTERS[n % 23]])}"
    return invalid(make)


def bad_tfn():
    return invalid(lambda: (lambda n: f"{n[:3]} {n[3:6]} {n[6:]}")(str(R2.randint(1, 8)) + d2(8)))


def bad_npi():
    return invalid(lambda: R2.choice("12") + d2(9))


def bad_dea():
    return invalid(lambda: R2.choice("ABFGM") + R2.choice("ABCDEFGHJKLMNPRSTWZ") + d2(7))


def ean13():
    def make():
        body = R2.choice(["400", "590", "800", "750", "880", "885"]) + d2(9)
        s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
        return body + str((10 - s % 10) % 10)
    return invalid(make)


def batch():
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return invalid(lambda: "".join(R2.choice(L) for _ in range(2)) + d2(2) + "".join(R2.choice(L) for _ in range(3)) + d2(4))


def invoice():
    return pick(f"INV-{R2.randint(2023, 2026)}-{d2(5)}", f"RE-{d2(4)}/{R2.randint(24, 26)}", f"FAT-{d2(6)}")


def score():
    return pick(f"{R2.randint(0, 5)}-{R2.randint(0, 5)}", f"{R2.randint(60, 120)}:{R2.randint(60, 120)}",
                f"{R2.randint(1, 9)}/10")


def ratio():
    return pick("16:9", "4:3", "21:9", f"1:{R2.randint(2, 500)}", f"{R2.randint(2, 9)}:1")


NEW_SLOTS = {
    "UK_NINO": uk_nino, "MEDICAL_LICENSE": dea, "ES_NIF": es_nif, "ES_NIE": es_nie, "IT_FISCAL_CODE": it_fiscal_code,
    "IT_DRIVER_LICENSE": it_driver_license, "IT_VAT_CODE": it_vat, "IT_PASSPORT": it_passport,
    "IT_IDENTITY_CARD": it_identity_card, "PL_PESEL": pl_pesel, "FI_PERSONAL_IDENTITY_CODE": fi_hetu,
    "SG_NRIC_FIN": sg_nric, "AU_ABN": au_abn, "AU_ACN": au_acn, "AU_TFN": au_tfn, "AU_MEDICARE": au_medicare,
    "IN_PAN": in_pan, "IN_AADHAAR": in_aadhaar, "IN_VEHICLE_REGISTRATION": in_vehicle, "IN_VOTER": in_voter,
    "IN_PASSPORT": in_passport, "KR_RRN": kr_rrn, "TH_TNIN": th_tnin, "ABA_ROUTING_NUMBER": aba, "US_NPI": us_npi,
    "US_MBI": us_mbi, "SE_PERSONNUMMER": se_pnr,
    "SSN_DOT": ssn_dot, "SSN_SPACE": ssn_space, "SSN_BARE": ssn_bare, "DATE_US": date_us, "DATE_EU": date_eu,
    "DATE_ORD": date_ordinal, "DATE_OF": date_of, "DATE_REL": date_relative, "TIME_SEC": time_seconds, "TIME_TZ": time_zone,
    "DATETIME_ISO": datetime_iso, "YEAR": year,
}
NEW_ENTITY_OF = {"SSN_DOT": "US_SSN", "SSN_SPACE": "US_SSN", "SSN_BARE": "US_SSN", "DATE_US": "DATE_TIME",
                 "DATE_EU": "DATE_TIME", "DATE_ORD": "DATE_TIME", "DATE_OF": "DATE_TIME", "DATE_REL": "DATE_TIME", "TIME_SEC": "DATE_TIME",
                 "TIME_TZ": "DATE_TIME", "DATETIME_ISO": "DATE_TIME", "YEAR": "DATE_TIME"}
NEW_FILLERS = {"BAD_PESEL": bad_pesel, "ORDER11": order11, "BAD_ABN": bad_abn, "BAD_AADHAAR": bad_aadhaar,
               "BAD_FISCAL": bad_fiscal, "BAD_NIF": bad_nif, "BAD_TFN": bad_tfn, "BAD_NPI": bad_npi, "BAD_DEA": bad_dea,
               "EAN13": ean13, "BATCH": batch, "INVOICE": invoice, "SCORE": score, "RATIO": ratio}
SLOTS.update(NEW_SLOTS)
ENTITY_OF.update(NEW_ENTITY_OF)
FILLERS.update(NEW_FILLERS)


def fill(template):
    out = []
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            break
        out.append(template[i:j])
        k = template.index("}", j)
        slot = template[j + 1:k]
        if slot in FILLERS:
            out.append(FILLERS[slot]())
        else:
            value = SLOTS[slot]()
            out.append(f"[[{ENTITY_OF.get(slot, slot)}|{value}]]")
        i = k + 1
    return "".join(out)


def check(line, strict):
    """Every checksum-valid match in the text must be a gold entity of that type (else a gold value or a
    look-alike would also count as another identifier). Raises for lines from the appended templates."""
    # same parsing as LabelledCorpus.parse
    text, gold, i = "", [], 0
    while True:
        j = line.find("[[", i)
        if j < 0:
            text += line[i:]
            break
        text += line[i:j]
        bar, end = line.index("|", j), line.index("]]", j)
        gold.append((line[j + 2:bar], len(text), len(text) + end - bar - 1))
        text += line[bar + 1:end]
        i = end + 2
    for typ, s, e in validated_hits(text):
        if not any(g == typ and s < ge and gs < e for g, gs, ge in gold):
            msg = f"{typ} {text[s:e]!r} is not labelled in: {text}"
            if strict:
                raise AssertionError(msg)
            print("note (original template):", msg)


def main():
    templates = []
    appended = False
    for l in open(__file__.replace("make_corpus.py", "templates.txt"), encoding="utf-8"):
        if l.startswith("# === appended"):
            appended = True
        if l.strip() and not l.startswith("#"):
            templates.append((l.rstrip("\n"), appended))
    lines = []
    for t, strict in templates:
        repeats = 3 if "{" in t else 1
        for _ in range(repeats):
            line = fill(t)
            check(line, strict)
            lines.append(line)
    out = __file__.replace("src/test/corpus/make_corpus.py",
                           "src/test/resources/io/edgerouter/privacy/corpus/pii-corpus.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by src/test/corpus/make_corpus.py from templates.txt; entities marked [[TYPE|value]].\n")
        for l in lines:
            f.write(l + "\n")
    print(len(lines), "lines ->", out)

if __name__ == "__main__":
    main()
