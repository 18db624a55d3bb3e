package io.theriseunion.imagegateway.registry;

import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.INVALID_MANIFEST;

/** Reads a response body up to a limit, without ever holding more than the limit in memory. */
final class BodyReader {

    private static final long CHUNK = 8192;

    private BodyReader() {
    }

    /**
     * The whole body, or an INVALID_MANIFEST failure when it is larger than {@code limit} (by Content-Length or
     * while reading) or ends before its announced length.
     */
    static byte[] read(Response response, long limit, RegistryRequest request) {
        ResponseBody body = response.body();
        long announced = body.contentLength();
        if (announced > limit) {
            throw tooLarge(request, "announced " + announced + " bytes", limit);
        }
        Buffer buffer = new Buffer();
        try {
            BufferedSource source = body.source();
            while (buffer.size() <= limit) {
                if (source.read(buffer, CHUNK) == -1) {
                    return buffer.readByteArray();
                }
            }
        } catch (EOFException | ProtocolException e) {
            throw truncated(request, buffer.size(), announced, e);
        } catch (InterruptedIOException e) {
            throw Failures.fromIo(e, request);
        } catch (IOException e) {
            if (announced > buffer.size() && String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
                throw truncated(request, buffer.size(), announced, e);
            }
            throw Failures.fromIo(e, request);
        }
        throw tooLarge(request, "sent more than " + limit + " bytes", limit);
    }

    private static RegistryException tooLarge(RegistryRequest request, String what, long limit) {
        return new RegistryException(INVALID_MANIFEST, "registry " + request.authority() + " " + what + " for "
                + request.subject() + ", more than the limit of " + limit + " bytes");
    }

    private static RegistryException truncated(RegistryRequest request, long received, long announced,
                                               IOException cause) {
        return new RegistryException(INVALID_MANIFEST, "the answer of registry " + request.authority() + " for "
                + request.subject() + " was cut off after " + received + " bytes"
                + (announced >= 0 ? " of " + announced : ""), cause);
    }
}
