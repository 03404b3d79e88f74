package dev.attune.tuner.report.log;

import java.util.List;

/**
 * How one log event becomes one line: {@code logfmt} ({@code key=value}, quoted when needed) or
 * {@code json} (one object a line). Numbers stay numbers in JSON; non-finite doubles become null.
 */
public enum LogFormat {
    /** {@code ts=... level=info logger=attune event=... key=value}. */
    LOGFMT {
        @Override
        void render(StringBuilder out, List<Object> keysAndValues) {
            for (int i = 0; i < keysAndValues.size(); i += 2) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(keysAndValues.get(i)).append('=');
                Object value = keysAndValues.get(i + 1);
                if (value instanceof Number || value instanceof Boolean) {
                    appendNumber(out, value);
                } else {
                    appendLogfmtString(out, String.valueOf(value));
                }
            }
        }
    },
    /** {@code {"ts":"...","level":"info","logger":"attune","event":"...",...}}. */
    JSON {
        @Override
        void render(StringBuilder out, List<Object> keysAndValues) {
            out.append('{');
            for (int i = 0; i < keysAndValues.size(); i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                appendJsonString(out, String.valueOf(keysAndValues.get(i)));
                out.append(':');
                Object value = keysAndValues.get(i + 1);
                if (value instanceof Double && !Double.isFinite((Double) value)) {
                    out.append("null");
                } else if (value instanceof Number || value instanceof Boolean) {
                    appendNumber(out, value);
                } else {
                    appendJsonString(out, String.valueOf(value));
                }
            }
            out.append('}');
        }
    };

    abstract void render(StringBuilder out, List<Object> keysAndValues);

    /** The format named {@code name} ({@code logfmt} or {@code json}), or null. */
    public static LogFormat named(String name) {
        for (LogFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static void appendNumber(StringBuilder out, Object value) {
        if (value instanceof Double) {
            double d = (Double) value;
            // Three decimals are plenty for ms and rates, and keep lines short and stable.
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else {
                out.append(Math.round(d * 1000.0) / 1000.0);
            }
        } else {
            out.append(value);
        }
    }

    private static void appendLogfmtString(StringBuilder out, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c <= ' ' || c == '=' || c == '"' || c == '\\';
        }
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default: out.append(c < ' ' ? ' ' : c);
            }
        }
        out.append('"');
    }

    private static void appendJsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
