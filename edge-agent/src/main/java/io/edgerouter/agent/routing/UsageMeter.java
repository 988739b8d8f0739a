package io.edgerouter.agent.routing;

import io.edgerouter.agent.policy.PolicyStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Cloud tokens and money this device spent in the current hour and day, for the policy's budgets. */
@ApplicationScoped
public class UsageMeter {

    private final PolicyStore policies;
    private final Clock clock = Clock.systemUTC();
    private long hour = -1;
    private long tokensThisHour;
    private LocalDate day;
    private long tokensToday;

    UsageMeter(PolicyStore policies) {
        this.policies = policies;
    }

    public synchronized void addCloudTokens(long tokens) {
        roll();
        tokensThisHour += tokens;
        tokensToday += tokens;
    }

    public synchronized long cloudTokensThisHour() {
        roll();
        return tokensThisHour;
    }

    public synchronized long cloudTokensToday() {
        roll();
        return tokensToday;
    }

    public synchronized double usdToday() {
        roll();
        return tokensToday * policies.policy().budget().usdPerMillionTokens() / 1_000_000.0;
    }

    private void roll() {
        long nowHour = clock.millis() / 3_600_000L;
        if (nowHour != hour) {
            hour = nowHour;
            tokensThisHour = 0;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            day = today;
            tokensToday = 0;
        }
    }
}
