package dev.unitgen.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnitDigestTest {
    /** The regex the char scan replaced: verify must decide exactly as it did. */
    private static final Pattern LINE = Pattern.compile("(?m)^Digest=sha256:([0-9a-f]{64})\\n");

    private static boolean regexVerify(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return false;
        }
        String rest = text.substring(0, m.start()) + text.substring(m.end());
        return !LINE.matcher(rest).find() && UnitDigest.of(rest).equals("sha256:" + m.group(1));
    }

    private static String unit(String before, String after) {
        return UnitDigest.fill(before + "Digest=" + UnitDigest.PLACEHOLDER + "\n" + after).text();
    }

    @Test
    void filledUnitsVerifyAndEditsDoNot() {
        String text = unit("[Unit]\nDescription=x\n\n[X-Unitgen]\nContainer=web\n", "");
        assertThat(UnitDigest.verify(text)).isTrue();
        assertThat(regexVerify(text)).isTrue();
        assertThat(UnitDigest.verify(text.replace("Description=x", "Description=y"))).isFalse();
        assertThat(UnitDigest.fill("[X-Unitgen]\nDigest=" + UnitDigest.PLACEHOLDER + "\n").digest())
                .isEqualTo(UnitDigest.of("[X-Unitgen]\n"));
    }

    @Test
    void fillRefusesWhatCouldNotVerify() {
        String line = "Digest=" + UnitDigest.PLACEHOLDER + "\n";
        assertThat(UnitDigest.fill("[X]\nA=b\n")).as("no digest line").isNull();
        assertThat(UnitDigest.fill("[X]\n" + line + line)).as("twice").isNull();
        assertThat(UnitDigest.fill("[X]\nA=" + line)).as("not a line of its own").isNull();
        assertThat(UnitDigest.fill("[X]\n" + line.trim())).as("no newline").isNull();
        assertThat(UnitDigest.fill("# " + UnitDigest.PLACEHOLDER + "\n" + line)).as("the placeholder elsewhere").isNull();
        String other = unit("[X]\n", "");
        assertThat(UnitDigest.fill(other + line)).as("a second Digest line").isNull();
    }

    @Test
    void verifyDecidesAsTheRegexDid() {
        String good = unit("[Unit]\nA=1\n", "B=2\n");
        String digestLine = good.substring(good.indexOf("Digest="), good.indexOf('\n', good.indexOf("Digest=")) + 1);
        List<String> cases = new java.util.ArrayList<>(List.of(good, "", "Digest=sha256:", digestLine, good + digestLine,
                good.replace("\nDigest=", "\rDigest="), good.replace("\nDigest=", "\u2028Digest="),
                good.replace("\nDigest=", "\u0085Digest="), good.replace("\nDigest=", " Digest="),
                good.replace("\n[Unit]", "\r\n[Unit]"), good.toUpperCase(), good.substring(0, good.length() - 1)));
        Random random = new Random(17);
        String alphabet = "Digest=sha256:0af\n\r\u2028x";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(good.length() + 1);
            sb.append(good, 0, n);
            for (int k = random.nextInt(4); k > 0; k--) {
                sb.insert(random.nextInt(sb.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            sb.append(good.substring(n));
            cases.add(sb.toString());
            cases.add(sb + digestLine);
        }
        for (String c : cases) {
            assertThat(UnitDigest.verify(c)).as(c).isEqualTo(regexVerify(c));
        }
        assertThat(cases.stream().filter(UnitDigest::verify).count()).isGreaterThan(10);
    }
}
