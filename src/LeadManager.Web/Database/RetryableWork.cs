using LeadManager.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Database;

/// <summary>
/// For work that opens its own transaction on a scoped context shared with Identity's stores:
/// each attempt creates its own scope, so a retry starts from nothing. SQL Server's retries on
/// failure refuse a transaction begun outside the execution strategy; inside one, every context's
/// operations run as part of the attempt.
/// </summary>
internal static class RetryableWork
{
    public static async Task<T> InFreshScopesAsync<T>(this IServiceScopeFactory scopes, Func<Task<T>> attempt)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(attempt);
    }
}
