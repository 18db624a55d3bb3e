package io.theriseunion.imagegateway.domain.api;

/**
 * Cuts text that reaches an event from outside (a refused caller's input, a registry's error text, a token's
 * name) to the length its read-model columns hold, so that no stored event can fail a projection. A cut value
 * ends with '…' so that a reader sees it was cut.
 */
public final class BoundedText {

    private BoundedText() {
    }

    /** The text itself when it has at most max characters, else its first max - 1 characters and '…'. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
