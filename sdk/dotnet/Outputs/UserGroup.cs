// *** Written in the exact shape `pulumi package gen-sdk --language dotnet` emits for sdk/schema.json. ***
// *** tests/Omni.Sdk.Tests fails when this SDK and the schema drift apart. ***

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Pulumi.Serialization;

namespace Pulumi.Omni.Outputs
{

    /// <summary>
    /// A group the user belongs to.
    /// </summary>
    [OutputType]
    public sealed class UserGroup
    {
        /// <summary>
        /// The group's name.
        /// </summary>
        public readonly string? DisplayName;
        /// <summary>
        /// The group's id (Omni's short id).
        /// </summary>
        public readonly string Id;

        [OutputConstructor]
        private UserGroup(
            string? displayName,

            string id)
        {
            DisplayName = displayName;
            Id = id;
        }
    }
}
