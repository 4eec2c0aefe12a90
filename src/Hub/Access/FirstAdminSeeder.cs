using Microsoft.Extensions.Options;

namespace GateSync.Hub.Access;

/// <summary>Creates the <see cref="FirstAdminOptions"/> user at start; an existing user of that name is left as it is.</summary>
internal sealed partial class FirstAdminSeeder(
    IOptions<FirstAdminOptions> options, UserStore users, UserPasswords passwords, ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsSet)
        {
            return Task.CompletedTask;
        }

        var name = settings.UserName!.Trim();
        if (users.FindByName(name).Count > 0)
        {
            // Never overwrite: a password changed since must survive a restart with the old setting.
            return Task.CompletedTask;
        }

        // The bearer token made with the user is thrown away: this user logs in with its password.
        var (user, _) = users.Create(name, UserRole.DistrictAdmin, null, null, FirstAdminOptions.Section);
        passwords.Set(user, settings.Password!);
        Log.Created(logger, name);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Created the first district administrator {UserName} from settings")]
        public static partial void Created(ILogger logger, string userName);
    }
}
