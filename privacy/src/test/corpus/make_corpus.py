#!/usr/bin/env python3
"""Writes the labelled evaluation corpus (src/test/resources/io/edgerouter/privacy/corpus/pii-corpus.txt).

Each output line is one short text; entities are marked inline as [[ENTITY_TYPE|value]]. Sentence templates
are hand-written; values are drawn from hand-written lists or generated with valid checksums (Luhn, IBAN
mod-97, NHS mod-11, Base58Check, Bech32) so that the recognizers' validation paths are exercised.
About a quarter of the person and place names are deliberately absent from the library's gazetteer.
Run once; the output is committed. Deterministic (fixed seed).
"""
import hashlib
import random

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


def main():
    templates = [l.rstrip("\n") for l in open(__file__.replace("make_corpus.py", "templates.txt"), encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
    lines = []
    for t in templates:
        repeats = 3 if "{" in t else 1
        for _ in range(repeats):
            lines.append(fill(t))
    out = __file__.replace("src/test/corpus/make_corpus.py",
                           "src/test/resources/io/edgerouter/privacy/corpus/pii-corpus.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by src/test/corpus/make_corpus.py from templates.txt; entities marked [[TYPE|value]].\n")
        for l in lines:
            f.write(l + "\n")
    print(len(lines), "lines ->", out)


if __name__ == "__main__":
    main()
