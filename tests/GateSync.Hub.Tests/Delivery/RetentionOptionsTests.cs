using GateSync.Hub.Delivery;

namespace GateSync.Hub.Tests.Delivery;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_purge_rejected_messages_after_30_days()
    {
        var options = new RetentionOptions();

        Assert.True(new DeliveryOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(30, options.RejectedDays);
    }

    [Fact]
    public void Negative_days_are_refused_naming_each_setting()
    {
        var result = new DeliveryOptionsValidator().Validate(null, new RetentionOptions { CheckInDays = -1, RejectedDays = -1 });

        Assert.True(result.Failed);
        Assert.Contains("Hub:Retention:CheckInDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Hub:Retention:RejectedDays", result.FailureMessage, StringComparison.Ordinal);
    }
}
