package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document that is not a Repository resource at all: not YAML or JSON, not an object, another kind, an unknown
 * spec field, a value of the wrong type, a namespace other than the request's. VALIDATION_FAILED, naming the
 * document by its number (from 1, in the order of the text) and the line it starts on; the REST API answers
 * it as 400 BadRequest. A problem of the whole document (not YAML, not an object) has no field.
 */
public class MalformedDocumentException extends ValidationException {

    private final int index;
    private final int line;

    public MalformedDocumentException(int index, int line, List<Violation> violations) {
        super(violations);
        this.index = index;
        this.line = line;
    }

    public static MalformedDocumentException of(int index, int line, String field, String message) {
        return new MalformedDocumentException(index, line, List.of(new Violation(field, message)));
    }

    public int index() {
        return index;
    }

    /** "document 2 (line 12): spec.tag: must be a string; ..."; a problem of the whole document has no field. */
    @Override
    public String getMessage() {
        return "document " + index + (line > 1 ? " (line " + line + ")" : "") + ": "
                + violations().stream().map(v -> v.field() == null ? v.message() : v.field() + ": " + v.message())
                              .collect(Collectors.joining("; "));
    }
}
