package org.musicrfm.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recursive-descent parser of {@link Schedule}'s text form. */
final class ScheduleParser {

    private final String text;
    private final double perSecond;
    private int pos;

    private ScheduleParser(String text, double perSecond) {
        this.text = text;
        this.perSecond = perSecond;
    }

    /** {@code text} as a schedule; times in seconds become steps at {@code perSecond} steps per second. */
    static Schedule parse(String text, double perSecond) {
        Steps.requireRate(perSecond);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("schedule: empty; expected e.g. constant, exp-decay:0.998, linear-rise:1500");
        }
        ScheduleParser p = new ScheduleParser(text.replace(" ", "").toLowerCase(Locale.ROOT), perSecond);
        Schedule s = p.spec();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected '" + p.text.substring(p.pos) + "'");
        }
        return s;
    }

    private Schedule spec() {
        List<Schedule> factors = new ArrayList<>();
        factors.add(term());
        while (peek('*')) {
            pos++;
            factors.add(term());
        }
        return factors.size() == 1 ? factors.get(0) : new Schedule.Product(factors);
    }

    private Schedule term() {
        Schedule s = primary();
        if (peek('@')) {
            pos++;
            String range = until("*)");
            int dots = range.indexOf("..");
            double start = Steps.parse(dots < 0 ? range : range.substring(0, dots), where("window start"), perSecond);
            double stop = dots < 0 ? Double.POSITIVE_INFINITY : Steps.parse(range.substring(dots + 2), where("window stop"), perSecond);
            s = s.window(start, stop);
        }
        return s;
    }

    private Schedule primary() {
        if (text.startsWith("1-", pos)) {
            pos += 2;
            return primary().complement();
        }
        if (peek('(')) {
            pos++;
            Schedule s = spec();
            if (!peek(')')) {
                throw error("missing ')'");
            }
            pos++;
            return s;
        }
        return base();
    }

    private Schedule base() {
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '-')) {
            pos++;
        }
        String name = text.substring(start, pos);
        String args = null;
        if (peek(':')) {
            pos++;
            args = until("@*)");
        }
        String[] a = args == null || args.isEmpty() ? new String[0] : args.split(",");
        return switch (name) {
            case "constant", "const" -> Schedule.constant(a.length == 0 ? 1 : number(one(name, a), name));
            case "linear-rise", "lin-rise" -> Schedule.linearRise(a.length == 0 ? Schedule.LINEAR_STEPS : time(one(name, a), name));
            case "linear-decay", "lin-decay" -> Schedule.linearDecay(a.length == 0 ? Schedule.LINEAR_STEPS : time(one(name, a), name));
            case "exp-decay" -> Schedule.expDecay(a.length == 0 ? Schedule.EXP_RATIO : number(one(name, a), name));
            case "logistic-rise", "logistic" -> {
                if (a.length > 2) {
                    throw error(name + " takes t0[,s], got '" + args + "'");
                }
                yield Schedule.logisticRise(a.length > 0 ? time(a[0], name) : Schedule.LOGISTIC_MIDPOINT,
                        a.length > 1 ? time(a[1], name) : Schedule.LOGISTIC_SCALE);
            }
            case "sine" -> Schedule.sine(a.length == 0 ? Schedule.SINE_PERIOD : time(one(name, a), name));
            case "fade-in", "fade-out" -> {
                String r = one(name, a);
                int dots = r.indexOf("..");
                if (dots < 0) {
                    throw error(name + " needs a window A..B, got '" + r + "'");
                }
                double s = time(r.substring(0, dots), name);
                double e = time(r.substring(dots + 2), name);
                yield name.equals("fade-in") ? Schedule.fadeIn(s, e) : Schedule.fadeOut(s, e);
            }
            case "points" -> {
                if (a.length == 0) {
                    throw error("points needs t=v pairs, e.g. points:0=0,2s=1,4s=0");
                }
                double[] steps = new double[a.length];
                double[] values = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    int eq = a[i].indexOf('=');
                    if (eq < 0) {
                        throw error("points: '" + a[i] + "' is not t=v");
                    }
                    steps[i] = time(a[i].substring(0, eq), "points");
                    values[i] = number(a[i].substring(eq + 1), "points");
                }
                yield Schedule.points(steps, values);
            }
            case "" -> throw error("expected a schedule name");
            default -> throw error("unknown schedule '" + name + "'; expected constant, linear-rise, linear-decay, "
                    + "exp-decay, logistic-rise, sine, fade-in, fade-out or points");
        };
    }

    private String one(String name, String[] a) {
        if (a.length != 1) {
            throw error(name + " takes one parameter, got " + a.length);
        }
        return a[0];
    }

    private double time(String s, String what) {
        return Steps.parse(s, where(what), perSecond);
    }

    private double number(String s, String what) {
        return Numbers.parse(s, where(what));
    }

    private String until(String stops) {
        int start = pos;
        while (pos < text.length() && stops.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private String where(String what) {
        return "schedule '" + text + "' (" + what + ")";
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("schedule '" + text + "' at " + pos + ": " + message);
    }
}
