#!/usr/bin/env python3
"""Digests of upstream SynTheory's MIDI, for SynTheoryUpstreamParityTest.

Runs brown-palm/syntheory's own code (commit 4f22235: each concept's get_row_iterator with the
arguments of its __main__ block, and its row_processor) with stand-ins for mido, the synthesizer,
the WAV helpers and the dataset writer, so that nothing is rendered: each MidiFile.save records the
track's messages at absolute ticks. For every 11th clip it hashes the line
`index TAB labels TAB events` (SHA-256 over all lines of a concept), in the format of the test's
`key` and `events`; with --every 1 it covers all 104,585 clips.

    python3 bench/syntheory_upstream_digests.py /path/to/syntheory-checkout [--every 11]

Needs Python 3 only (no mido, pandas or numpy).
"""
import argparse
import hashlib
import sys
import types
from pathlib import Path


# ---- a recording stand-in for mido -------------------------------------------------------------

class Message:
    def __init__(self, type_, **kw):
        self.type = type_
        self.time = kw.pop("time", 0)
        self.__dict__.update(kw)


class MetaMessage(Message):
    pass


class MidiTrack(list):
    pass


class MidiFile:
    saved = []  # tracks of every save, in order

    def __init__(self, ticks_per_beat=480, **_):
        self.ticks_per_beat = ticks_per_beat
        self.tracks = []

    def save(self, _path):
        MidiFile.saved.append(list(self.tracks))


def bpm2tempo(bpm, time_signature=(4, 4)):
    # mido: round(60 * 1e6 / bpm * time_signature[1] / 4)
    return int(round(60 * 1e6 / bpm * time_signature[1] / 4.0))


def events(track):
    """Messages at absolute ticks, as the Java test prints a javax.sound.midi Track."""
    out, tick = [], 0
    for m in track:
        tick += m.time
        t = m.type
        if t == "track_name":
            out.append(f"{tick}:name:{m.name}")
        elif t == "time_signature":
            out.append(f"{tick}:ts:{m.numerator}/{m.denominator}/{m.clocks_per_click}/{m.notated_32nd_notes_per_beat}")
        elif t == "set_tempo":
            out.append(f"{tick}:tempo:{m.tempo}")
        elif t == "program_change":
            out.append(f"{tick}:pc:{m.channel}:{m.program}")
        elif t == "control_change":
            out.append(f"{tick}:cc:{m.channel}:{m.control}:{m.value}")
        elif t in ("note_on", "note_off"):
            out.append(f"{tick}:{t}:{m.channel}:{m.note}:{m.velocity}")
        elif t == "end_of_track":
            pass
        else:
            raise ValueError(f"message {t}")
    return " ".join(out)


# ---- stand-ins for the parts that render, read audio or write tables ---------------------------

def install_stubs():
    mido = types.ModuleType("mido")
    mido.Message, mido.MetaMessage, mido.MidiTrack, mido.MidiFile = Message, MetaMessage, MidiTrack, MidiFile
    mido.bpm2tempo = bpm2tempo
    sys.modules["mido"] = mido

    config = types.ModuleType("config")
    config.OUTPUT_DIR = Path("/nonexistent")
    config.DEFAULT_SOUNDFONT_LOCATION = Path("TimGM6mb.sf2")
    sys.modules["config"] = config

    util = types.ModuleType("util")
    util.use_770_permissions = lambda *a, **k: None
    sys.modules["util"] = util

    synth = types.ModuleType("dataset.audio.synth")
    synth.produce_synth_wav_from_midi = lambda *a, **k: None
    sys.modules["dataset.audio.synth"] = synth

    wav = types.ModuleType("dataset.audio.wav")
    wav.is_wave_silent = lambda *a, **k: False
    wav.random_trim = lambda *a, **k: 0.0
    wav.trim = lambda *a, **k: None
    sys.modules["dataset.audio.wav"] = wav

    writer = types.ModuleType("dataset.synthetic.dataset_writer")
    writer.DatasetWriter = object
    writer.DatasetRowDescription = tuple
    sys.modules["dataset.synthetic.dataset_writer"] = writer


# ---- each concept: its iterator as its __main__ builds it, and the test's label key -------------

def instruments(mi):
    return mi.get_instruments(ignore_atonal=True, ignore_polyphonic=True, ignore_highly_articulate=True,
                              take_only_first_category=False)


def concepts():
    import importlib
    mi = importlib.import_module("dataset.synthetic.midi_instrument")
    notes = importlib.import_module("dataset.synthetic.notes")
    intervals = importlib.import_module("dataset.synthetic.intervals")
    scales = importlib.import_module("dataset.synthetic.scales")
    chords = importlib.import_module("dataset.synthetic.chords")
    progressions = importlib.import_module("dataset.synthetic.chord_progressions")
    tempos = importlib.import_module("dataset.synthetic.tempos")
    meters = importlib.import_module("dataset.synthetic.time_signatures")
    clicks = importlib.import_module("dataset.synthetic.metronome_configs").CLICK_CONFIGS

    def j(*values):
        return "|".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values)

    return [
        ("notes", notes, notes.get_row_iterator(notes.get_all_midi_note_values(), instruments(mi)),
         lambda l: j(l["midi_note_val"], l["register"], l["root_note_name"], l["midi_program_num"],
                     l["midi_program_name"], l["midi_category"])),
        ("intervals", intervals, intervals.get_row_iterator(intervals=intervals.get_all_interval_midi_settings(),
                                                            instruments=instruments(mi)),
         lambda l: j(l["root_note_name"], l["midi_note_val"], l["interval"], l["play_style"],
                     l["play_style_name"], l["midi_program_num"])),
        ("scales", scales, scales.get_row_iterator(scales=scales.get_all_scales(), instruments=instruments(mi)),
         lambda l: j(l["root_note_name"], l["mode"], l["play_style"], l["play_style_name"], l["midi_program_num"])),
        ("chords", chords, chords.get_row_iterator(chords=chords.get_all_chords(), instruments=instruments(mi)),
         lambda l: j(l["root_note_name"], l["root_note_pitch_class"], l["chord_type"], l["inversion"],
                     l["midi_program_num"])),
        ("chord_progressions", progressions,
         progressions.get_row_iterator(progressions=progressions.PROGRESSIONS, keys=progressions.get_all_keys(),
                                       instruments=instruments(mi)),
         lambda l: j(l["key_note_name"], l["key_note_pitch_class"], l["chord_progression"], l["midi_program_num"])),
        ("tempos", tempos, tempos.get_row_iterator(slowest_bpm=50, fastest_bpm=210, click_configs=clicks,
                                                    num_random_offsets=5, target_duration_per_sample_in_sec=4.0),
         lambda l: j(l["bpm"], l["click_config_name"], l["midi_program_num"], l["offset_index"])),
        ("time_signatures", meters,
         meters.get_row_iterator(meters.get_all_time_signatures(), click_configs=clicks, num_reverb_levels=3,
                                 num_random_offsets=10, target_duration_per_sample_in_sec=4.0),
         lambda l: j(tuple(l["time_signature"]), l["is_compound"], l["click_config_name"],
                     l["midi_program_num"], l["reverb_level"], l["offset_index"])),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("syntheory", type=Path, help="a checkout of brown-palm/syntheory (commit 4f22235)")
    ap.add_argument("--every", type=int, default=11, help="hash every Nth clip (the test keeps every 11th)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.syntheory.resolve()))
    install_stubs()
    for name, module, rows, key in concepts():
        sha = hashlib.sha256()
        count = 0
        for row in rows:
            before = len(MidiFile.saved)
            produced = module.row_processor(Path("/nonexistent"), row)
            track = MidiFile.saved[before][0]
            first = produced[0][0]
            for index, labels in produced:
                labels = dict(labels)
                labels.setdefault("offset_index", index - first)
                count += 1
                if index % args.every == 0:
                    sha.update(f"{index}\t{key(labels)}\t{events(track)}\n".encode())
        print(f"{name:20s} {count:6d} clips  {sha.hexdigest()}")


if __name__ == "__main__":
    main()
