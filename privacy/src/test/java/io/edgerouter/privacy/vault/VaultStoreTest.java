package io.edgerouter.privacy.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VaultStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void eachConversationHasItsOwnVault() {
        VaultStore store = new VaultStore();
        store.vaultFor("c1").placeholderFor("PERSON", "Ann");
        assertThat(store.vaultFor("c1").valueOf("<PERSON_1>")).contains("Ann");
        assertThat(store.vaultFor("c2").valueOf("<PERSON_1>")).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedConversationBeyondTheLimit() {
        VaultStore store = new VaultStore(2, 100, Duration.ofHours(1), Clock.systemUTC());
        Vault first = store.vaultFor("a");
        first.placeholderFor("PERSON", "Ann");
        store.vaultFor("b");
        store.vaultFor("c");
        assertThat(store.size()).isEqualTo(2);
        assertThat(first.size()).isZero();
        assertThat(store.vaultFor("a").valueOf("<PERSON_1>")).isEmpty();
    }

    @Test
    void forgetsIdleConversations() {
        ManualClock clock = new ManualClock();
        VaultStore store = new VaultStore(10, 100, Duration.ofMinutes(30), clock);
        store.vaultFor("a").placeholderFor("PERSON", "Ann");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(store.vaultFor("a").valueOf("<PERSON_1>")).isEmpty();
    }
}
