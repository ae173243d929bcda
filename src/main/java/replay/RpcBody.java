package replay;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON text of one RPC result, written straight to the socket: recorded answers are kept as
 * bytes and never re-serialised, so a 15 MB StateCompute answer costs one copy to the kernel.
 */
interface RpcBody {
    long length();

    void writeTo(OutputStream out) throws IOException;

    static RpcBody of(byte[] json) {
        return of(json, 0, json.length);
    }

    static RpcBody of(byte[] json, int offset, int length) {
        return new RpcBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(json, offset, length);
            }
        };
    }
}
