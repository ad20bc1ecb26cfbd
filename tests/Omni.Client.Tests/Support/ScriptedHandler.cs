using System.Net;
using System.Text;
using Moq;
using Moq.Protected;
using Microsoft.Extensions.Time.Testing;

namespace Omni.Client.Tests.Support;

/// <summary>A Moq-backed HttpMessageHandler answering from per-method scripts, recording every request and when (on the fake clock) it arrived.</summary>
internal sealed class ScriptedHandler
{
    private readonly Dictionary<HttpMethod, Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>> _scripts = [];
    private readonly TimeProvider _time;

    public ScriptedHandler(TimeProvider time)
    {
        _time = time;
        Mock = new Mock<HttpMessageHandler>(MockBehavior.Strict);
        Mock.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns<HttpRequestMessage, CancellationToken>(HandleAsync);
    }

    public Mock<HttpMessageHandler> Mock { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public IEnumerable<RecordedRequest> Of(HttpMethod method) => Requests.Where(r => r.Method == method);

    public ScriptedHandler On(HttpMethod method, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        if (!_scripts.TryGetValue(method, out var queue))
        {
            _scripts[method] = queue = new();
        }
        queue.Enqueue(answer);
        return this;
    }

    public ScriptedHandler Respond(HttpMethod method, HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null) =>
        On(method, (_, _) =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public ScriptedHandler Throw(HttpMethod method, Exception exception) =>
        On(method, (_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers; only the attempt's cancellation ends it.</summary>
    public ScriptedHandler Hang(HttpMethod method) =>
        On(method, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString(), _time.GetUtcNow()));
        }
        if (!_scripts.TryGetValue(request.Method, out var queue) || queue.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotImplemented)
            {
                Content = new StringContent($"{{\"message\":\"unscripted {request.Method} {request.RequestUri}\"}}"),
            };
        }
        return await queue.Dequeue()(request, ct);
    }

    public HttpClient CreateClient() => new(Mock.Object);
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization, DateTimeOffset At);

internal static class FakeClock
{
    /// <summary>
    /// Fake-clock gaps can come out one or two driving steps late (a retry's timer is registered on a pool thread
    /// while the driver keeps advancing), never early; allow that much.
    /// </summary>
    public static void AssertGaps(IReadOnlyList<TimeSpan> expected, IReadOnlyList<TimeSpan> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.InRange(actual[i], expected[i], expected[i] + TimeSpan.FromMilliseconds(300));
        }
    }

    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Moves the fake clock in small steps until the task completes (bounded, so a hang fails the test instead of the run).</summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var stepBy = step ?? TimeSpan.FromMilliseconds(50);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(30));
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() > until)
            {
                throw new TimeoutException("The call did not finish within the fake time limit.");
            }
            time.Advance(stepBy);
            await Task.WhenAny(task, Task.Delay(1));
        }
        return await task;
    }

    public static async Task Drive(this FakeTimeProvider time, Task task, TimeSpan? step = null) =>
        await time.Drive(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), step);
}
