package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target of RFC 8288 Link headers, resolved against the page's URL. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {
    }

    /** The next page, or {@code null} when there is none. */
    static HttpUrl next(List<String> headers, HttpUrl page) {
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL_NEXT.matcher(link.group(2));
                while (rel.find()) {
                    if (List.of(rel.group(1).strip().split("\\s+")).contains("next")) {
                        return page.resolve(link.group(1).strip());
                    }
                }
            }
        }
        return null;
    }
}
