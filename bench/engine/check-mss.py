#!/usr/bin/env python3
"""Checks a Smooth Streaming output folder (ffmpeg cannot demux MSS): every fragment the Manifest
names, for every QualityLevel, exists and starts with a moof box followed by an mdat box."""
import os
import struct
import sys
import xml.etree.ElementTree as ET

folder = sys.argv[1]
root = ET.parse(os.path.join(folder, "Manifest")).getroot()
count = 0
for index in root.iter("StreamIndex"):
    url = index.get("Url")
    times, t = [], 0
    for c in index.iter("c"):
        t = int(c.get("t", t))
        times.append(t)
        t += int(c.get("d"))
    if len(times) != int(index.get("Chunks")):
        sys.exit(f"{index.get('Name')}: {len(times)} <c> but Chunks={index.get('Chunks')}")
    for level in index.iter("QualityLevel"):
        for start in times:
            path = os.path.join(folder, url.replace("{bitrate}", level.get("Bitrate"))
                                .replace("{start time}", str(start)))
            with open(path, "rb") as f:
                data = f.read()
            size, kind = struct.unpack(">I4s", data[:8])
            if kind != b"moof" or data[size + 4:size + 8] != b"mdat":
                sys.exit(f"{path}: not moof+mdat")
            count += 1
if count == 0:
    sys.exit("no fragments")
print(f"{count} fragments ok")
