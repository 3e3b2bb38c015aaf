package ai.socagent.domain.indicator;

import java.util.Optional;

/**
 * Strict, purely syntactic IPv4 and IPv6 literal parsing. Never resolves names: no DNS lookup can
 * happen here, whatever the input.
 */
final class IpAddresses {

    private IpAddresses() {}

    /**
     * Parses a dotted-quad IPv4 literal: exactly four decimal parts 0-255 without leading zeros
     * (which some parsers read as octal, so they are ambiguous).
     */
    static Optional<byte[]> parseIpv4(String text) {
        if (text.isEmpty() || text.length() > 15) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (part == 4) {
                    return Optional.empty();
                }
                int length = i - start;
                if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
                    return Optional.empty();
                }
                int value = 0;
                for (int j = start; j < i; j++) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        return Optional.empty();
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 255) {
                    return Optional.empty();
                }
                bytes[part++] = (byte) value;
                start = i + 1;
            }
        }
        return part == 4 ? Optional.of(bytes) : Optional.empty();
    }

    /**
     * Parses an IPv6 literal (RFC 4291 section 2.2): eight groups of one to four hex digits, at most
     * one {@code ::}, optionally ending in an embedded dotted-quad. Zone ids and brackets are
     * rejected.
     */
    static Optional<byte[]> parseIpv6(String text) {
        if (text.length() < 2 || text.length() > 45) {
            return Optional.empty();
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = new int[8];
        int[] tailGroups = new int[8];
        // With a '::' an embedded IPv4 can only end the tail; without one it ends the whole literal.
        int headCount = parseGroups(head, headGroups, doubleColon < 0);
        if (headCount < 0) {
            return Optional.empty();
        }
        int tailCount = 0;
        if (doubleColon >= 0) {
            tailCount = parseGroups(tail, tailGroups, true);
            if (tailCount < 0) {
                return Optional.empty();
            }
        }
        int total = headCount + tailCount;
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headCount; i++) {
            bytes[2 * i] = (byte) (headGroups[i] >>> 8);
            bytes[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailCount;
        for (int i = 0; i < tailCount; i++) {
            bytes[2 * (offset + i)] = (byte) (tailGroups[i] >>> 8);
            bytes[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return Optional.of(bytes);
    }

    /**
     * Parses colon-separated hex groups into {@code groups}; an embedded IPv4 (if allowed at the
     * end) counts as two groups. Returns the number of groups or -1 when invalid.
     */
    private static int parseGroups(String part, int[] groups, boolean ipv4AllowedAtEnd) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] pieces = part.split(":", -1);
        if (pieces.length > 8) {
            return -1;
        }
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            boolean last = i == pieces.length - 1;
            if (last && ipv4AllowedAtEnd && piece.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseIpv4(piece);
                if (v4.isEmpty() || count + 2 > 8) {
                    return -1;
                }
                byte[] b = v4.get();
                groups[count++] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                groups[count++] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                continue;
            }
            if (piece.isEmpty() || piece.length() > 4 || count == 8) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < piece.length(); j++) {
                int digit = hexValue(piece.charAt(j));
                if (digit < 0) {
                    return -1;
                }
                value = (value << 4) | digit;
            }
            groups[count++] = value;
        }
        return count;
    }

    /** Value of an ASCII hex digit, -1 for anything else (including non-ASCII Unicode digits). */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static String formatIpv4(byte[] bytes) {
        return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }

    /**
     * Canonical RFC 5952 text form: lowercase, no leading zeros, the longest run (first on a tie) of
     * two or more zero groups compressed to {@code ::}; IPv4-mapped addresses keep the dotted tail.
     */
    static String formatIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        if (isIpv4Mapped(bytes)) {
            return "::ffff:" + formatIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    /** RFC 1918, loopback 127/8, link-local 169.254/16 and carrier-grade NAT 100.64/10. */
    static boolean isPrivateIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 10
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || first == 127
                || (first == 169 && second == 254)
                || (first == 100 && second >= 64 && second <= 127);
    }

    /** Loopback ::1, unique local fc00::/7, link-local fe80::/10 and IPv4-mapped private addresses. */
    static boolean isPrivateIpv6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return true;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return true;
        }
        if (isIpv4Mapped(b)) {
            return isPrivateIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }
}
