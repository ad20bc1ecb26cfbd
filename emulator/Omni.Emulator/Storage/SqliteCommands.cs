using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

internal static class SqliteCommands
{
    private const int ConstraintUnique = 2067;

    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this SqliteConnection connection, string sql, SqliteTransaction? transaction,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static bool IsUniqueViolation(this SqliteException exception) =>
        exception.SqliteExtendedErrorCode == ConstraintUnique;
}
