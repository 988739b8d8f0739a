package io.edgerouter.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void allowsABurstOfOneSecondThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(4, now::get);

        for (int i = 0; i < 4; i++) {
            assertThat(bucket.tryTake()).as("call %d of the burst", i).isZero();
        }
        long wait = bucket.tryTake();
        assertThat(wait).isBetween(240_000_000L, 260_000_000L); // a quarter second until the next token

        now.addAndGet(wait);
        assertThat(bucket.tryTake()).isZero();
    }
}
