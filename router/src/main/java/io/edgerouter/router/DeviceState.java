package io.edgerouter.router;

/**
 * What the device knows right now.
 *
 * @param cloudReachable      whether the cloud gateway answered its last health check
 * @param cloudTokensThisHour cloud tokens this device used in the current hour
 * @param cloudTokensToday    cloud tokens this device used today
 * @param usdToday            cloud money this device spent today
 */
public record DeviceState(boolean cloudReachable, long cloudTokensThisHour, long cloudTokensToday, double usdToday) {

    public static final DeviceState ONLINE_FRESH = new DeviceState(true, 0, 0, 0);

    public DeviceState {
        if (cloudTokensThisHour < 0 || cloudTokensToday < 0 || !(usdToday >= 0) || Double.isInfinite(usdToday)) {
            throw new IllegalArgumentException("usage must be finite and >= 0, got tokens/h=" + cloudTokensThisHour
                    + " tokens/day=" + cloudTokensToday + " usd=" + usdToday);
        }
    }

    /** Usage known per hour (tokens) and per day (money) only; today's tokens taken as this hour's. */
    public DeviceState(boolean cloudReachable, long cloudTokensThisHour, double usdToday) {
        this(cloudReachable, cloudTokensThisHour, cloudTokensThisHour, usdToday);
    }
}
