package io.theriseunion.imagegateway.registry;

/**
 * How much work one registry answer may cause: tag-list pages and tags per listing, entries per index, layers per
 * manifest, layers over all platforms of one image. Hitting one (tags aside: a tag list simply stops at
 * {@code tags}) is a {@link RegistryErrorCode#LIMIT_EXCEEDED} failure that names the limit by its setting:
 * {@code settingPrefix} followed by its name ({@code tag-pages}, {@code index-entries}, {@code layers-per-manifest},
 * {@code image-layers}).
 */
record Limits(int tagPages, int tags, int indexEntries, int layersPerManifest, int imageLayers,
              String settingPrefix) {

    static final String TAG_PAGES = "tag-pages";
    static final String INDEX_ENTRIES = "index-entries";
    static final String LAYERS_PER_MANIFEST = "layers-per-manifest";
    static final String IMAGE_LAYERS = "image-layers";

    /**
     * @param what    what was too much: {@code "more than 100 tag-list pages for tags of team/app"}
     * @param limit   one of the names above
     * @param value   its value
     */
    RegistryException exceeded(String registry, String what, String limit, int value) {
        return new RegistryException(RegistryErrorCode.LIMIT_EXCEEDED, "registry " + registry + " sent " + what
                + "; the limit is " + settingPrefix + limit + " = " + value);
    }
}
