package dev.attune.sample.load;

/** What came back for one request: HTTP status and body text. */
public record Reply(int status, String body) {

    /** True for 2xx statuses. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
