#!/usr/bin/env python3
"""Builds the example unit registers from the shared public data (run from the package root):

  examples/stations-london.csv, examples/units-london.csv
      London Fire Brigade stations (lfb-stations-2021.csv) and the active LFB fleet
      (lfb-fleet-2022.csv) mapped to ccas unit types and spread over the stations in turn
      (the fleet list does not say where a vehicle is based). LFB runs no ambulances: one
      fictional AMBU (London Ambulance Service) is placed at every third station.
  examples/stations-departement.csv, examples/units-departement.csv, examples/zones-departement.csv
      A fictional Rhône (69) département on real commune centres (fr-codes-postaux-sample.csv):
      fire stations (CIS), SAMU bases, police stations in Lyon and Villeurbanne, gendarmerie
      brigades elsewhere; the zone table puts Lyon, Villeurbanne and Vénissieux in zone police.
  examples/stations-sf.csv, examples/units-sf.csv
      San Francisco: each SFFD station area placed at the centre of its calls in
      sf-fire-calls-2020-04-07.csv, each unit of that file at the station area it answered
      most, its SF type mapped to ours; plus two fictional police patrols per battalion.

Deterministic: the same data gives the same files.
"""
import collections, csv, os, re, statistics

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
OUT = os.path.dirname(__file__) or "."

def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")

def r6(x): return f"{float(x):.6f}"

# --- London -----------------------------------------------------------------
LFB_TYPES = {  # LFB "Type of Vehicle" → ccas type
    "Pumping Appliance": "FPT", "Fire Rescue Unit": "VSR", "Turntable Ladder": "EPA",
    "64m Turntable Ladder": "EPA", "Command Support Unit": "VLCG", "Car": "VLCG",
    "Detection Identification and Monitoring": "RCH", "Hose Layer": "VTU", "Bulk Foam Unit": "VTU",
    "Operational Support Unit": "VTU", "6 x 6 All Wheel Drive": "VTU", "LCV": "VTU",
}
stations, seen = [], set()
for row in csv.DictReader(open(os.path.join(DATA, "lfb-stations-2021.csv"))):
    name = row["Station_Name"].strip()
    if name in seen or not row["Station_Latitude"]: continue
    seen.add(name)
    stations.append((re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").upper(), name, r6(row["Station_Latitude"]), r6(row["Station_Longitude"])))
stations.sort()
write("stations-london.csv", ["id", "name", "lat", "lon", "sector"], [(s[0], s[1], s[2], s[3], "LFB") for s in stations])
fleet = [r for r in csv.DictReader(open(os.path.join(DATA, "lfb-fleet-2022.csv")))
         if r["Type of Vehicle"].strip() in LFB_TYPES and r["Operational Status"].strip() in ("ACTIVE", "RESERVE")]
fleet.sort(key=lambda r: (LFB_TYPES[r["Type of Vehicle"].strip()], r["Fleet No"]))
units = []
for i, r in enumerate(fleet):
    s = stations[(i * 7) % len(stations)]  # spread each type over the whole city
    status = "AVAILABLE" if r["Operational Status"].strip() == "ACTIVE" else "OUT_OF_SERVICE"
    units.append(("LFB-" + r["Fleet No"].replace(" ", ""), LFB_TYPES[r["Type of Vehicle"].strip()], s[0], s[2], s[3], status))
for i, s in enumerate(stations[::3]):
    units.append((f"LAS-{i + 1:03d}", "AMBU", s[0], s[2], s[3], "AVAILABLE"))
write("units-london.csv", ["id", "type", "station", "lat", "lon", "status"], units)

# --- Rhône (69), fictional ----------------------------------------------------
communes = {}
for row in csv.DictReader(open(os.path.join(DATA, "fr-codes-postaux-sample.csv"))):
    code = row["code_commune_insee"]
    if code.startswith("69") and row["latitude"] and code not in communes:
        communes[code] = (row["nom_de_la_commune"].title(), r6(row["latitude"]), r6(row["longitude"]))
codes = sorted(communes)
POLICE_COMMUNES = {c for c in codes if c.startswith("69123") or c.startswith("6938") or c in ("69266", "69259")}
cis = codes[::12]
st, un = [], []
def station(sid, name, code, sector):
    n, lat, lon = communes[code]
    st.append((sid, name, lat, lon, sector))
    return lat, lon
for k, code in enumerate(cis):
    sid = f"CIS-{code}"
    lat, lon = station(sid, f"CIS {communes[code][0]}", code, "SDIS69")
    kinds = ["VSAV", "VSAV", "FPT"] + (["FPTL"] if k % 2 == 0 else []) + (["EPA"] if k % 4 == 0 else []) \
        + (["VSR"] if k % 3 == 0 else []) + (["VLCG"] if k % 5 == 0 else []) + (["CCF"] if k % 3 == 1 else []) \
        + (["VTU"] if k % 2 == 1 else []) + (["RCH"] if k == 0 else [])
    counts = collections.Counter()
    for t in kinds:
        counts[t] += 1
        un.append((f"{t}-{code}-{counts[t]}", t, sid, lat, lon))
samu = codes[5::60]
for k, code in enumerate(samu):
    sid = f"SMUR-{code}"
    lat, lon = station(sid, f"SMUR {communes[code][0]}", code, "SAMU69")
    un.append((f"SMUR-{code}-1", "SMUR", sid, lat, lon))
    un.append((f"VLM-{code}-1", "VLM", sid, lat, lon))
    un.append((f"AMBU-{code}-1", "AMBU", sid, lat, lon))
for code in sorted(POLICE_COMMUNES):
    sid = f"CP-{code}"
    lat, lon = station(sid, f"Commissariat {communes[code][0]}", code, "DDSP69")
    un += [(f"PS-{code}-1", "PS", sid, lat, lon), (f"PS-{code}-2", "PS", sid, lat, lon), (f"BAC-{code}-1", "BAC", sid, lat, lon)]
for k, code in enumerate(c for c in codes[3::25] if c not in POLICE_COMMUNES):
    sid = f"BTA-{code}"
    lat, lon = station(sid, f"Brigade {communes[code][0]}", code, "GGD69")
    un.append((f"PATG-{code}-1", "PATG", sid, lat, lon))
    if k % 4 == 0: un.append((f"PSIG-{code}-1", "PSIG", sid, lat, lon))
write("stations-departement.csv", ["id", "name", "lat", "lon", "sector"], st)
write("units-departement.csv", ["id", "type", "station", "lat", "lon"], un)
write("zones-departement.csv", ["commune", "zone", "lat", "lon"],
      [(c, "POLICE" if c in POLICE_COMMUNES else "GEND", communes[c][1], communes[c][2]) for c in codes])

# --- San Francisco ------------------------------------------------------------
SF_TYPES = {"ENGINE": "FPT", "TRUCK": "EPA", "MEDIC": "VSAV", "PRIVATE": "AMBU", "CHIEF": "VLCG",
            "RESCUE SQUAD": "VSR", "RESCUE CAPTAIN": "VLCG", "SUPPORT": "VTU", "INVESTIGATION": "VLCG"}
points, unit_area, unit_type, battalion = collections.defaultdict(list), collections.defaultdict(collections.Counter), {}, {}
for row in csv.DictReader(open(os.path.join(DATA, "sf-fire-calls-2020-04-07.csv"))):
    area, loc = row["Station Area"].strip(), row["Location"].strip()
    m = re.match(r"\(?\s*(-?[\d.]+)[ ,]+(-?[\d.]+)", loc)
    if not area or not m: continue
    a, b = float(m.group(1)), float(m.group(2))
    lat, lon = (a, b) if abs(a) < 60 else (b, a)
    points[area].append((lat, lon))
    battalion[area] = row["Battalion"].strip()
    unit_area[row["Unit ID"].strip()][area] += 1
    unit_type[row["Unit ID"].strip()] = row["Unit Type"].strip()
sf_st = {}
for area, pts in sorted(points.items()):
    sf_st[area] = (f"SFFD-{area}", f"SFFD Station {area}", r6(statistics.median(p[0] for p in pts)), r6(statistics.median(p[1] for p in pts)), battalion[area])
sf_un = []
for uid in sorted(unit_area):
    t = SF_TYPES.get(unit_type[uid])
    if not t: continue
    s = sf_st[unit_area[uid].most_common(1)[0][0]]
    caps = "ems_bls;ems_als;transport" if t == "VSAV" else ""
    sf_un.append((f"SF-{uid}", t, s[0], s[2], s[3], caps))
for b in sorted(set(battalion.values())):
    s = next(v for v in sf_st.values() if v[4] == b)
    sf_un += [(f"SFPD-{b}-1", "PS", s[0], s[2], s[3], ""), (f"SFPD-{b}-2", "PS", s[0], s[2], s[3], "")]
write("stations-sf.csv", ["id", "name", "lat", "lon", "sector"], list(sf_st.values()))
write("units-sf.csv", ["id", "type", "station", "lat", "lon", "capabilities"], sf_un)
