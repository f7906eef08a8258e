using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Reminders;
using Workflow.Server.Notifications;
using Workflow.Server.Sms;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Sms;

/// <summary>Both providers against a local fake that checks the request and recomputes the signature as documented, and what their codes mean.</summary>
public sealed class SmsProviderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private FakeSmsProvider _fake = null!;

    public Task InitializeAsync()
    {
        _clock.Advance(TimeSpan.FromDays(9000));
        _fake = new FakeSmsProvider(_clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static readonly SmsMessage s_message = new("13812341234", "SMS_123456", [new("subject", "轮值提醒：第2组 & 会议*~"), new("code", "tAbC9")]);

    private SmsOptions Options(string provider, params (string, string?)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sms:Provider"] = provider, ["Sms:AccessKeyId"] = FakeSmsProvider.KeyId, ["Sms:AccessKeySecret"] = FakeSmsProvider.KeySecret,
            ["Sms:SignName"] = "妇联工作", ["Sms:SdkAppId"] = FakeSmsProvider.SdkAppId, ["Sms:Endpoint"] = _fake.Root, ["Sms:Templates:TaskReminder"] = "SMS_123456",
        };
        foreach (var (k, v) in extra) values[k] = v;
        return SmsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    private ISmsProvider Provider(SmsOptions options) => options.Provider == SmsProviderKind.Tencent
        ? new TencentSms(new OneClient(), options, _clock) : new AlibabaSms(new OneClient(), options, _clock);

    [Fact]
    public async Task Alibaba_SendSms_IsSignedAsDocumented_AndCarriesTheTemplateAndItsNamedParameters()
    {
        var result = await Provider(Options("Alibaba")).SendAsync(s_message, CancellationToken.None);

        Assert.Equal(SmsOutcome.Sent, result.Outcome);
        var post = Assert.Single(_fake.Posts);
        Assert.Equal("OK", post.Answered);
        Assert.Equal("13812341234", post.Form["PhoneNumbers"]);
        Assert.Equal("妇联工作", post.Form["SignName"]);
        Assert.Equal("SMS_123456", post.Form["TemplateCode"]);
        Assert.Equal("""{"subject":"轮值提醒：第2组 & 会议*~","code":"tAbC9"}""", post.Form["TemplateParam"]);
    }

    [Fact]
    public async Task Tencent_SendSms_IsSignedWithTc3AsDocumented_AndCarriesTheParametersInOrder()
    {
        var result = await Provider(Options("Tencent")).SendAsync(s_message, CancellationToken.None);

        Assert.Equal(SmsOutcome.Sent, result.Outcome);
        var post = Assert.Single(_fake.Posts);
        Assert.Equal("Ok", post.Answered);
        Assert.Equal("+8613812341234", (string?)post.Body!["PhoneNumberSet"]![0]);
        Assert.Equal("SMS_123456", (string?)post.Body["TemplateId"]);
        Assert.Equal(["轮值提醒：第2组 & 会议*~", "tAbC9"], post.Body["TemplateParamSet"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("Alibaba")]
    [InlineData("Tencent")]
    public async Task AWrongSecret_IsRefusedByTheFakesSignatureCheck_AndDeadLetters(string provider)
    {
        var result = await Provider(Options(provider, ("Sms:AccessKeySecret", "not-the-secret"))).SendAsync(s_message, CancellationToken.None);

        Assert.Equal(SmsOutcome.Refused, result.Outcome);
        Assert.Contains(result.Code, new[] { "SignatureDoesNotMatch", "AuthFailure.SignatureFailure" });
    }

    [Theory]
    [InlineData("Alibaba", "isv.BUSINESS_LIMIT_CONTROL", SmsOutcome.RateLimited)]
    [InlineData("Alibaba", "isv.MOBILE_NUMBER_ILLEGAL", SmsOutcome.Refused)]
    [InlineData("Alibaba", "isv.SMS_TEMPLATE_ILLEGAL", SmsOutcome.Refused)]
    [InlineData("Alibaba", "isv.SMS_SIGNATURE_ILLEGAL", SmsOutcome.Refused)]
    [InlineData("Alibaba", "isp.SYSTEM_ERROR", SmsOutcome.Failed)]
    [InlineData("Tencent", "LimitExceeded.PhoneNumberThirtySecondLimit", SmsOutcome.RateLimited)]
    [InlineData("Tencent", "LimitExceeded.PhoneNumberDailyLimit", SmsOutcome.RateLimited)]
    [InlineData("Tencent", "InvalidParameterValue.IncorrectPhoneNumber", SmsOutcome.Refused)]
    [InlineData("Tencent", "FailedOperation.TemplateIncorrectOrUnapproved", SmsOutcome.Refused)]
    [InlineData("Tencent", "FailedOperation.SignatureIncorrectOrUnapproved", SmsOutcome.Refused)]
    [InlineData("Tencent", "InternalError.Timeout", SmsOutcome.Failed)]
    public async Task TheProvidersCode_DecidesBetweenWaitDeadLetterAndRetry(string provider, string code, SmsOutcome outcome)
    {
        _fake.Answer(code);

        var result = await Provider(Options(provider)).SendAsync(s_message, CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.Code);
    }

    [Theory]
    [InlineData("isv.BUSINESS_LIMIT_CONTROL", typeof(DeliveryPostponedException))]
    [InlineData("isv.MOBILE_NUMBER_ILLEGAL", typeof(DeliveryRefusedException))]
    [InlineData("isp.SYSTEM_ERROR", typeof(InvalidOperationException))]
    public async Task TheSender_PostponesThrottled_DeadLettersRefused_AndRetriesTheRest(string code, Type expected)
    {
        _fake.Answer(code);
        var options = Options("Alibaba");
        var sender = new SmsSender([Provider(options)], options, _clock);
        var delivery = new DeliveryRow
        {
            Id = Guid.NewGuid(), Key = "k", RecipientId = Guid.NewGuid(), Channel = DeliveryChannel.Sms, Kind = ReminderKind.TaskReminder,
            DueAt = _clock.GetUtcNow(), CreatedAt = _clock.GetUtcNow(), Target = "13812341234", Payload = SmsSender.Payload(s_message),
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(delivery, CancellationToken.None));

        Assert.IsType(expected, error);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        if (error is DeliveryPostponedException postponed) Assert.Equal(_clock.GetUtcNow() + options.RateLimitedWait, postponed.Until);
    }

    [Theory]
    [InlineData("Aliyun", "Sms:Provider")]
    [InlineData("Tencent", "Sms:SdkAppId")]
    [InlineData("Alibaba", "Sms:SignName")]
    public void AProviderWithoutWhatItNeeds_StopsTheStart_NamingTheSetting(string provider, string missing)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(provider, ("Sms:SdkAppId", null), ("Sms:SignName", provider == "Alibaba" ? "" : "签名")));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTemplateKind_StopsTheStart_AndNoProvider_MeansNoSms()
    {
        Assert.Throws<InvalidOperationException>(() => Options("Alibaba", ("Sms:Templates:Birthday", "SMS_1")));
        Assert.False(SmsOptions.From(new ConfigurationBuilder().Build()).Enabled);
        Assert.Equal("SMS_123456", Options("Alibaba").TemplateFor(ReminderKind.TaskReminder));
        Assert.Null(Options("Alibaba").TemplateFor(ReminderKind.Rotation));
    }

    [Theory]
    [InlineData("13812341234", "13812341234", "138****1234")]
    [InlineData("+86 138-1234-1234", "13812341234", "138****1234")]
    [InlineData("12812341234", null, null)]
    [InlineData("1381234123", null, null)]
    [InlineData("abc", null, null)]
    public void AMobileNumber_IsAMainlandNumber_AndShownMasked(string input, string? normalized, string? masked)
    {
        Assert.Equal(normalized, SmsOptions.NormalizeMobile(input));
        if (normalized is not null) Assert.Equal(masked, SmsOptions.Mask(normalized));
    }

    private sealed class OneClient : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
