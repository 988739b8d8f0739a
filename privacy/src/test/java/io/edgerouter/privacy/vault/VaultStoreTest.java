package io.edgerouter.privacy.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void oneAppNeverSeesAnotherAppsVaultForTheSameConversationId() {
        VaultStore store = new VaultStore();
        String p = store.vaultFor("mail-app", "c1").placeholderFor("EMAIL_ADDRESS", "ann@example.org");
        assertThat(store.vaultFor("mail-app", "c1").valueOf(p)).contains("ann@example.org");
        assertThat(store.vaultFor("chat-app", "c1").valueOf(p)).isEmpty();
        assertThat(store.vaultFor(null, "c1").valueOf(p)).isEmpty();
        assertThat(store.vaultFor("", "c1")).isSameAs(store.vaultFor("c1")); // no app id is one app of its own
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void vaultsOfTheStoreHaveTheStoresPerVaultBounds() {
        VaultStore store = new VaultStore(new VaultLimits(10, 2, 10_000, Duration.ofHours(1)), Clock.systemUTC());
        Vault v = store.vaultFor("a", "c");
        v.placeholderFor("PERSON", "Ann");
        v.placeholderFor("PERSON", "Bob");
        assertThatThrownBy(() -> v.placeholderFor("PERSON", "Cy")).isInstanceOf(VaultFullException.class);
        assertThat(store.bytes()).isEqualTo(v.bytes()).isPositive();
        store.forget("a", "c");
        assertThat(store.size()).isZero();
        assertThat(v.size()).isZero();
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
