package filflow;

import org.apache.camel.main.Main;

public final class FilflowMain {
    private FilflowMain() {
    }

    public static void main(String[] args) throws Exception {
        new Main(FilflowMain.class).run(args);
    }
}
