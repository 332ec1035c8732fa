#!/usr/bin/env python3
"""Writes the warehouse terminal's feedback sounds (16-bit mono PCM WAV, 22.05 kHz).

Run from this folder: python3 generate.py. The tones are chosen to be told apart in a noisy
warehouse without looking: a short high beep for the right item, a low buzz for a wrong item or
an unknown barcode (longer for unknown), and a falling two-tone for an over-pick.
"""
import math
import struct
import wave

RATE = 22050


def tone(freq, ms, volume=0.6, square=False):
    count = int(RATE * ms / 1000)
    fade = int(RATE * 0.005)
    samples = []
    for i in range(count):
        phase = math.sin(2 * math.pi * freq * i / RATE)
        value = (1.0 if phase >= 0 else -1.0) * 0.5 if square else phase
        envelope = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        samples.append(int(32767 * volume * value * max(0.0, envelope)))
    return samples


def silence(ms):
    return [0] * int(RATE * ms / 1000)


def write(name, samples):
    with wave.open(name, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack("<%dh" % len(samples), *samples))


write("right.wav", tone(1760, 90))
write("wrong.wav", tone(220, 250, square=True))
write("overpick.wav", tone(988, 120) + silence(30) + tone(659, 160))
write("unknown.wav", tone(196, 120, square=True) + silence(60) + tone(196, 220, square=True))
