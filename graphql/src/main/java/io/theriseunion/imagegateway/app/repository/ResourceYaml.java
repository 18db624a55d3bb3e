package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ValidationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes resource documents. Multi-document YAML is split at its {@code ---} lines and every document
 * parsed on its own, so that a broken one fails alone and the others still apply. Written YAML quotes only what
 * would otherwise read back as something else ({@code "1.10"}, {@code "yes"}), and starts every document with
 * {@code ---}.
 */
public final class ResourceYaml {

    /** The largest body (or {@code yaml} argument) read, in bytes of UTF-8. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Twice the default batch limit: more is refused before any document is parsed. */
    public static final int MAX_DOCUMENTS = 1000;

    private static final Pattern DOCUMENT_START = Pattern.compile("---(?:[ \\t].*)?");
    private static final Pattern DOCUMENT_END = Pattern.compile("\\.\\.\\.(?:[ \\t].*)?");

    private static final ObjectMapper YAML = YAMLMapper.builder()
                                                       .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                                       .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                                                       .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                       .serializationInclusion(JsonInclude.Include.NON_NULL)
                                                       .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                                                       .addModule(new JavaTimeModule())
                                                       .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ResourceYaml() {
    }

    /**
     * The non-empty documents of a YAML text (empty ones, such as a leading {@code ---}, are skipped). The documents
     * are counted before any is parsed: a text of more than {@value #MAX_DOCUMENTS} is refused at once.
     */
    public static List<ParsedDocument> parseYaml(String text) {
        List<String> chunks = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        split(text, chunks, starts);
        long nonBlank = chunks.stream().filter(c -> !c.isBlank()).count();
        if (nonBlank > MAX_DOCUMENTS) {
            throw ValidationException.of("documents", "must be at most " + MAX_DOCUMENTS + " in one text, not "
                    + nonBlank);
        }
        List<ParsedDocument> documents = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            add(documents, chunks.get(i), starts.get(i));
        }
        return documents;
    }

    private static void split(String text, List<String> chunks, List<Integer> starts) {
        StringBuilder current = new StringBuilder();
        int start = 1;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean begins = DOCUMENT_START.matcher(line).matches();
            if (begins || DOCUMENT_END.matcher(line).matches()) {
                chunks.add(current.toString());
                starts.add(start);
                current.setLength(0);
                start = i + 1;
                if (begins && line.length() > 3) {
                    current.append(line.substring(3)).append('\n');
                } else {
                    start = i + 2;
                }
            } else if (!line.startsWith("%")) { // a directive (%YAML 1.2) before a document
                current.append(line).append('\n');
            }
        }
        chunks.add(current.toString());
        starts.add(start);
    }

    /** A JSON body: one document. */
    public static ParsedDocument parseJson(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            return new ParsedDocument(1, 1, tree, tree == null || tree.isMissingNode()
                    ? MalformedDocumentException.of(1, 1, "body", "is empty; send a Repository resource") : null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            return new ParsedDocument(1, 1, null, MalformedDocumentException.of(
                    1, 1, "body", "is not valid JSON" + where + ": " + e.getOriginalMessage()));
        }
    }

    /** Writes documents one after another as multi-document YAML; closing it leaves the stream open. */
    public static SequenceWriter writer(OutputStream out) throws IOException {
        return YAML.writer().writeValues(out);
    }

    /** The documents as one multi-document YAML text. */
    public static String write(List<?> documents) {
        try {
            StringBuilder out = new StringBuilder();
            for (Object document : documents) {
                out.append(YAML.writeValueAsString(document));
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a resource as YAML", e);
        }
    }

    private static void add(List<ParsedDocument> documents, String text, int line) {
        int index = documents.size() + 1;
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
                documents.add(new ParsedDocument(index, line, tree, null));
            }
        } catch (JsonProcessingException e) {
            documents.add(new ParsedDocument(index, line, null, MalformedDocumentException.of(
                    index, line, null, "is not valid YAML: " + problem(e, line))));
        }
    }

    private static String problem(JsonProcessingException e, int firstLine) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem() + " at line " + (firstLine + marked.getProblemMark().getLine());
        }
        String message = e.getOriginalMessage();
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
