package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict UTF-8 reader under the CSV parser, without a database. */
class CheckedCsvTextTest {

    @Test
    void dropsALeadingByteOrderMarkOnlyAndCountsTheBytes() throws IOException {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("a,b\n\uFEFFc,d\n"));
        CheckedCsvText text = new CheckedCsvText(new ByteArrayInputStream(bytes));

        assertThat(readAll(text)).isEqualTo("a,b\n\uFEFFc,d\n");
        assertThat(text.bytesRead()).isEqualTo(bytes.length);
        assertThat(text.endsWithLineBreak()).isTrue();
        assertThat(text.endsInsideQuotedField()).isFalse();
    }

    @Test
    void namesTheLineOfABadByteCountingCrLfAndLoneCrAsOneBreakEach() {
        byte[] bytes = concat(utf8("h\r\n1\r2\n3\r\n\"a\nb\"\nx"), new byte[] {(byte) 0xC3, '(', '\n'});
        CheckedCsvText text = new CheckedCsvText(new ByteArrayInputStream(bytes));

        InputProblem problem = catchThrowableOfType(InputProblem.class, () -> readAll(text));

        ImportFailedException failure = problem.toFailure();
        assertThat(failure.code()).isEqualTo(ImportFailedException.Code.BAD_ENCODING);
        assertThat(failure.line()).hasValue(7);
        assertThat(failure.getMessage()).isEqualTo("Line 7 is not valid UTF-8 (0xC3): the file must be saved as UTF-8");
    }

    @Test
    void acceptsFourByteCharactersEvenWhenReadOneCharAtATime() throws IOException {
        String text = "emoji 😀 and 汉字\n";
        CheckedCsvText reader = new CheckedCsvText(new ByteArrayInputStream(utf8(text)));
        StringBuilder read = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            read.append((char) c);
        }

        assertThat(read.toString()).isEqualTo(text);
    }

    @Test
    void stopsAtNul() {
        CheckedCsvText text = new CheckedCsvText(new ByteArrayInputStream(concat(utf8("a\nb"), new byte[] {0})));

        InputProblem problem = catchThrowableOfType(InputProblem.class, () -> readAll(text));

        assertThat(problem.toFailure().code()).isEqualTo(ImportFailedException.Code.NOT_CSV);
        assertThat(problem.toFailure().line()).hasValue(2);
    }

    @Test
    void followsQuotingLikeTheParserToSpotAFieldLeftOpen() throws IOException {
        assertThat(endsInsideQuotes("a,\"b\"\"c\",d\n")).isFalse(); // escaped quote inside
        assertThat(endsInsideQuotes("a,b\"c,d\n")).isFalse(); // a quote inside an unquoted field is literal
        assertThat(endsInsideQuotes("a,\"b\nc\",d\n")).isFalse(); // a line break inside quotes
        assertThat(endsInsideQuotes("a,\"b\"x,d\n")).isFalse(); // text after the closing quote
        assertThat(endsInsideQuotes("a\n\"b,c\nd\n")).isTrue();
    }

    private static boolean endsInsideQuotes(String csv) throws IOException {
        CheckedCsvText text = new CheckedCsvText(new ByteArrayInputStream(utf8(csv)));
        readAll(text);
        return text.endsInsideQuotedField();
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[7]; // small on purpose: sequences split across reads
        int n;
        while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
