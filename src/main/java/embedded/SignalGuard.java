package embedded;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Keeps the JVM's own signal handlers in place around chDB. {@code chdb_connect} installs handlers
 * for SIGSEGV, SIGBUS, SIGILL, SIGFPE and others; with them the JVM hangs on an ordinary
 * NullPointerException in compiled code or during GC. So every handler is saved before a connect
 * and restored after, and the SIGSEGV handler is then checked to point into libjvm.so.
 */
final class SignalGuard {
    private static final int MAX_SIGNAL = 64;
    private static final int SIGKILL = 9;
    private static final int SIGSEGV = 11;
    private static final int SIGSTOP = 19;
    /** glibc x86-64 {@code struct sigaction} is 152 bytes; allocate generously. */
    private static final int SIGACTION_SIZE = 256;
    /** {@code Dl_info}: four pointers. */
    private static final int DL_INFO_SIZE = 32;

    private interface LibC extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction);

        int dladdr(Pointer address, Pointer info);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private final Memory[] saved = new Memory[MAX_SIGNAL + 1];

    static SignalGuard save() {
        SignalGuard guard = new SignalGuard();
        for (int signal = 1; signal <= MAX_SIGNAL; signal++) {
            if (signal == SIGKILL || signal == SIGSTOP) {
                continue;
            }
            Memory old = new Memory(SIGACTION_SIZE);
            old.clear();
            if (LIBC.sigaction(signal, null, old) == 0) {
                guard.saved[signal] = old;
            }
        }
        return guard;
    }

    void restore() {
        for (int signal = 1; signal <= MAX_SIGNAL; signal++) {
            if (saved[signal] != null) {
                LIBC.sigaction(signal, saved[signal], null);
            }
        }
    }

    /** Fails unless the SIGSEGV handler now installed lives in libjvm.so. */
    static void verifyJvmOwnsSigsegv() {
        Memory current = new Memory(SIGACTION_SIZE);
        current.clear();
        if (LIBC.sigaction(SIGSEGV, null, current) != 0) {
            throw new IllegalStateException("sigaction(SIGSEGV) failed");
        }
        Pointer handler = current.getPointer(0);
        String owner = handlerLibrary(handler);
        if (owner == null || !owner.contains("libjvm")) {
            throw new IllegalStateException("SIGSEGV handler is not the JVM's (it lives in " + owner
                    + "); refusing to run chDB in this JVM");
        }
    }

    private static String handlerLibrary(Pointer handler) {
        if (handler == null) {
            return null;
        }
        Memory info = new Memory(DL_INFO_SIZE);
        info.clear();
        if (LIBC.dladdr(handler, info) == 0) {
            return null;
        }
        Pointer fileName = info.getPointer(0);
        return fileName == null ? null : fileName.getString(0);
    }
}
