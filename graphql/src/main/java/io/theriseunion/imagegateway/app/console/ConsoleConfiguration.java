package io.theriseunion.imagegateway.app.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import java.io.IOException;
import java.time.Duration;

/**
 * Serves the web console (the console module's build, on the classpath under {@code console/}) at {@code /}: a
 * built file where there is one, and index.html for every other console path, so that a deep link such as
 * {@code /repositories/default/nginx} opens the screen it names. Hashed assets are cached for a year; index.html
 * is revalidated on every load, so a new gateway version is picked up at once. Spring Boot's own static mapping is
 * off ({@code spring.web.resources.add-mappings: false}): this is the only one.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration implements WebMvcConfigurer {

    static final String INDEX = "index.html";

    private final String location;

    /**
     * @param location where the built files are: the jar's own by default; a folder ({@code file:console/dist/})
     *                 serves a console build without rebuilding the jar (the console's browser tests while iterating)
     */
    ConsoleConfiguration(@Value("${gateway.console.location:classpath:/console/}") String location) {
        this.location = location.endsWith("/") ? location : location + "/";
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/" + INDEX);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(location + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new PathResourceResolver());
        registry.addResourceHandler("/**")
                .addResourceLocations(location)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new SinglePageResolver());
    }

    /** A file that exists; else, for a console path that names no file (no dot in its last segment), index.html. */
    static final class SinglePageResolver extends PathResourceResolver {

        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = super.getResource(resourcePath, location);
            if (file != null) {
                return file;
            }
            String last = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
            if (last.contains(".") || !ConsolePaths.isConsolePath("/" + resourcePath)) {
                return null;
            }
            return super.getResource(INDEX, location);
        }
    }
}
