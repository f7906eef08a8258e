using Workflow.Server.Sms;

namespace Workflow.Server.Tests.Sms;

/// <summary>
/// The providers' own worked examples, reproduced to the character: a fake that recomputes a signature the way the sender
/// does cannot catch a misreading of the documentation, these can.
/// </summary>
public sealed class PublishedSignatureTests
{
    /// <summary>
    /// Alibaba Cloud, RPC signature V1 ("Signature mechanism", https://help.aliyun.com/en/document_detail/145075.html; the
    /// worked example as "API 签名机制（示例）", https://developer.aliyun.com/ask/210168): DescribeRegions with AccessKeyId <c>testid</c> and
    /// AccessKeySecret <c>testsecret</c>, a GET, signature <c>CT9X0VtwR86fNWSnsc6v8YGOjuE=</c>. (The page prints its
    /// string to sign with bare <c>&amp;</c> inside the encoded query; the signature it gives is over <c>%26</c>, as the rule says.)
    /// </summary>
    [Fact]
    public void Alibaba_ReproducesTheDocumentedDescribeRegionsSignature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["TimeStamp"] = "2016-02-23T12:46:24Z", ["Format"] = "XML", ["AccessKeyId"] = "testid", ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ["Version"] = "2014-05-26",
            ["SignatureVersion"] = "1.0",
        };

        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", AlibabaSms.Sign(parameters, "testsecret", "GET"));
    }

    [Fact]
    public void Alibaba_LeavesTheSignatureParameterOutOfWhatItSigns()
    {
        var parameters = new Dictionary<string, string> { ["Action"] = "DescribeRegions", ["AccessKeyId"] = "testid" };
        var signed = AlibabaSms.Sign(parameters, "testsecret");

        Assert.Equal(signed, AlibabaSms.Sign(new Dictionary<string, string>(parameters) { ["Signature"] = signed }, "testsecret"));
    }

    /// <summary>
    /// Tencent Cloud API 3.0, "Signature v3" (https://www.tencentcloud.com/document/product/267/37447, the same page in
    /// every product's API docs; 签名方法 v3 https://intl.cloud.tencent.com/zh/document/api/1021/34193): DescribeInstances on cvm.tencentcloudapi.com at X-TC-Timestamp
    /// 1551113065 with SecretKey <c>Gu5t9xGARNpq86cd98joQYCN3EXAMPLE</c> and the page's body; the page gives the signature
    /// <c>72e494ea…5168</c> and the Authorization header below (its SecretId is masked there; the signature does not depend on it).
    /// </summary>
    [Fact]
    public void Tencent_ReproducesTheDocumentedDescribeInstancesAuthorization()
    {
        const string secretId = "AKID**********************0123456789EXAMPLE";
        const string body = """{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""";

        var authorization = TencentSms.Authorization(secretId, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm.tencentcloudapi.com", "cvm", body, 1551113065);

        Assert.Equal($"TC3-HMAC-SHA256 Credential={secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", authorization);
    }

    [Fact]
    public void Tencent_DatesTheScopeInUtc_NotChinaTime()
    {
        // The page's own warning: 1551113065 is already 2019-02-26 in China, the scope's date is 2019-02-25 (UTC).
        var authorization = TencentSms.Authorization("id", "key", "sms.tencentcloudapi.com", TencentSms.Service, "{}", 1551113065);

        Assert.Contains("Credential=id/2019-02-25/sms/tc3_request", authorization, StringComparison.Ordinal);
    }
}
