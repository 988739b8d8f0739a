package io.edgerouter.router.policy;

/**
 * Cloud spending limits for one device. {@code Long.MAX_VALUE} / {@code Double.POSITIVE_INFINITY} mean unlimited.
 *
 * @param cloudTokensPerHour tokens the cloud may process for this device per hour
 * @param cloudTokensPerDay  tokens the cloud may process for this device per day
 * @param usdPerDay          money the cloud may cost for this device per day
 */
public record Budget(long cloudTokensPerHour, long cloudTokensPerDay, double usdPerDay) {

    public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Long.MAX_VALUE, Double.POSITIVE_INFINITY);

    public Budget {
        if (cloudTokensPerHour < 0 || cloudTokensPerDay < 0 || !(usdPerDay >= 0)) {
            throw new IllegalArgumentException("budget must be >= 0, got tokens/h=" + cloudTokensPerHour
                    + " tokens/day=" + cloudTokensPerDay + " usd/day=" + usdPerDay);
        }
    }

    /** Hourly token and daily money limits, no daily token limit. */
    public Budget(long cloudTokensPerHour, double usdPerDay) {
        this(cloudTokensPerHour, Long.MAX_VALUE, usdPerDay);
    }
}
