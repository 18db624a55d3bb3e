package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of a request body, numbered from 1 in the order of the text, with the line it starts on: its
 * tree, or why it could not be read (then tree is null).
 */
public record ParsedDocument(int index, int line, JsonNode tree, MalformedDocumentException error) {
}
