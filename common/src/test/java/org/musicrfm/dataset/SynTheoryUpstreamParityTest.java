package org.musicrfm.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;

/**
 * Parity with SynTheory itself. The digests below were computed by running upstream's own code
 * (brown-palm/syntheory 4f22235: each concept's {@code get_row_iterator} over its 92 instruments
 * and click configs, and the same {@code create_midi_track}/{@code write_melody}/
 * {@code write_progression}/{@code create_click_track_midi} calls as its {@code row_processor})
 * with a stand-in for mido that records the messages; nothing was rendered. Each is the SHA-256
 * of lines {@code index TAB labels TAB events} over every 11th clip, where the events are the
 * track's messages at absolute ticks. Checked once over all 104,585 clips; every 11th is kept
 * here to stay fast. {@code bench/syntheory_upstream_digests.py} recomputes them from a checkout
 * of upstream ({@code --every 1} for all clips).
 */
class SynTheoryUpstreamParityTest {

    private static final Map<Concept, String> UPSTREAM = Map.of(
            Concept.NOTES, "eb63d617084a02c6c761aa86d0575efbdd7611386cdac17ed43ce917b77b8cfa",
            Concept.INTERVALS, "7c7ce4565751258db519ad6498439df8698955f479920773f30e454bad32acb5",
            Concept.SCALES, "74d7d19c0f12288607dfe5b0697e03b62929b7cb83a4a5331097095eb0d6ddb5",
            Concept.CHORDS, "4a7f4c80e99c11f3dd3fa1f9567dcc511c6f626dc0d5b17240f0fc1c98f28343",
            Concept.CHORD_PROGRESSIONS, "87c6d1bd32f872a623cd9073eb35978f6b367814fd17ec8f372fcf2adcf4b1b1",
            Concept.TEMPOS, "a7aa73e32b60cd595495170986a3091f7cdef2b26f65e4fc784b109c30caf97b",
            Concept.TIME_SIGNATURES, "cd1a9cd5fd72195444cf3d51352ed00876edbbf42ed76182ad8a1b7cbcc87079");


    /** The track's messages at absolute ticks, in the format of the upstream dump. */
    static String events(Track t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            MidiEvent e = t.get(i);
            long tick = e.getTick();
            if (e.getMessage() instanceof MetaMessage m) {
                byte[] d = m.getData();
                switch (m.getType()) {
                    case 0x03 -> out.add(tick + ":name:" + new String(d, StandardCharsets.ISO_8859_1));
                    case 0x58 -> out.add(tick + ":ts:" + d[0] + "/" + (1 << d[1]) + "/" + d[2] + "/" + d[3]);
                    case 0x51 -> out.add(tick + ":tempo:" + (((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff)));
                    case 0x2F -> { }
                    default -> throw new AssertionError("meta " + m.getType());
                }
            } else if (e.getMessage() instanceof ShortMessage m) {
                switch (m.getCommand()) {
                    case ShortMessage.PROGRAM_CHANGE -> out.add(tick + ":pc:" + m.getChannel() + ":" + m.getData1());
                    case ShortMessage.CONTROL_CHANGE -> out.add(tick + ":cc:" + m.getChannel() + ":" + m.getData1() + ":" + m.getData2());
                    case ShortMessage.NOTE_ON -> out.add(tick + ":note_on:" + m.getChannel() + ":" + m.getData1() + ":" + m.getData2());
                    case ShortMessage.NOTE_OFF -> out.add(tick + ":note_off:" + m.getChannel() + ":" + m.getData1() + ":" + m.getData2());
                    default -> throw new AssertionError("cmd " + m.getCommand());
                }
            }
        }
        return String.join(" ", out);
    }

    /** The configuration fields compared with upstream's row iterator. */
    static String key(ClipSpec s) {
        Map<String, Object> l = s.labels();
        return switch (s.concept()) {
            case NOTES -> l.get("midi_note_val") + "|" + l.get("register") + "|" + l.get("root_note_name") + "|"
                    + l.get("midi_program_num") + "|" + l.get("midi_program_name") + "|" + l.get("midi_category");
            case INTERVALS -> l.get("root_note_name") + "|" + l.get("midi_note_val") + "|" + l.get("interval") + "|"
                    + l.get("play_style") + "|" + l.get("play_style_name") + "|" + l.get("midi_program_num");
            case SCALES -> l.get("root_note_name") + "|" + l.get("mode") + "|" + l.get("play_style") + "|"
                    + l.get("play_style_name") + "|" + l.get("midi_program_num");
            case CHORDS -> l.get("root_note_name") + "|" + l.get("root_note_pitch_class") + "|" + l.get("chord_type")
                    + "|" + l.get("inversion") + "|" + l.get("midi_program_num");
            case CHORD_PROGRESSIONS -> l.get("key_note_name") + "|" + l.get("key_note_pitch_class") + "|"
                    + l.get("chord_progression") + "|" + l.get("midi_program_num");
            case TEMPOS -> l.get("bpm") + "|" + l.get("click_config_name") + "|" + l.get("midi_program_num") + "|"
                    + l.get("offset_index");
            case TIME_SIGNATURES -> l.get("time_signature") + "|" + l.get("is_compound") + "|"
                    + l.get("click_config_name") + "|" + l.get("midi_program_num") + "|" + l.get("reverb_level")
                    + "|" + l.get("offset_index");
        };
    }

    @Test
    void labelsAndMidiEventsMatchUpstream() throws Exception {
        for (Concept c : Concept.values()) {
            ConceptGenerator g = SynTheory.generator(c);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < g.count(); i += 11) {
                ClipSpec s = g.spec(i);
                String events = events(g.midi(s, 7L).sequence().getTracks()[0]);
                sha.update((i + "\t" + key(s) + "\t" + events + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).as(c.id()).isEqualTo(UPSTREAM.get(c));
        }
    }
}
