// *** Written in the exact shape `pulumi package gen-sdk --language dotnet` emits for sdk/schema.json. ***
// *** tests/Omni.Sdk.Tests fails when this SDK and the schema drift apart. ***

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Pulumi.Serialization;

namespace Pulumi.Omni
{
    /// <summary>
    /// A member of the Omni organisation, managed through Omni's SCIM 2.0 API.
    /// </summary>
    [OmniResourceType("omni:index:User")]
    public partial class User : global::Pulumi.CustomResource
    {
        /// <summary>
        /// Whether the user is active. Default true.
        /// </summary>
        [Output("active")]
        public Output<bool> Active { get; private set; } = null!;

        /// <summary>
        /// When true and a user with this userName already exists, adopt it instead of failing with 409.
        /// </summary>
        [Output("adoptExisting")]
        public Output<bool> AdoptExisting { get; private set; } = null!;

        /// <summary>
        /// True when the user existed before and was adopted by this resource.
        /// </summary>
        [Output("adopted")]
        public Output<bool> Adopted { get; private set; } = null!;

        /// <summary>
        /// User attribute reference names to values (string, number, bool or list), as Omni stores them.
        /// </summary>
        [Output("attributes")]
        public Output<ImmutableDictionary<string, object>?> Attributes { get; private set; } = null!;

        /// <summary>
        /// When Omni created the user (ISO 8601).
        /// </summary>
        [Output("created")]
        public Output<string?> Created { get; private set; } = null!;

        /// <summary>
        /// What destroying the resource does in Omni: delete (remove the user) or deactivate (set active=false).
        /// </summary>
        [Output("deletionMode")]
        public Output<string> DeletionMode { get; private set; } = null!;

        /// <summary>
        /// The name shown in Omni.
        /// </summary>
        [Output("displayName")]
        public Output<string> DisplayName { get; private set; } = null!;

        /// <summary>
        /// The user's email addresses.
        /// </summary>
        [Output("emails")]
        public Output<ImmutableArray<string>> Emails { get; private set; } = null!;

        /// <summary>
        /// The groups the user belongs to.
        /// </summary>
        [Output("groups")]
        public Output<ImmutableArray<Outputs.UserGroup>> Groups { get; private set; } = null!;

        /// <summary>
        /// When the user last logged in (ISO 8601), if ever.
        /// </summary>
        [Output("lastLogin")]
        public Output<string?> LastLogin { get; private set; } = null!;

        /// <summary>
        /// When Omni last modified the user (ISO 8601).
        /// </summary>
        [Output("lastModified")]
        public Output<string?> LastModified { get; private set; } = null!;

        /// <summary>
        /// The user's email; compared case-insensitively. Changing it replaces the user.
        /// </summary>
        [Output("userName")]
        public Output<string> UserName { get; private set; } = null!;


        /// <summary>
        /// Create a User resource with the given unique name, arguments, and options.
        /// </summary>
        ///
        /// <param name="name">The unique name of the resource</param>
        /// <param name="args">The arguments used to populate this resource's properties</param>
        /// <param name="options">A bag of options that control this resource's behavior</param>
        public User(string name, UserArgs args, CustomResourceOptions? options = null)
            : base("omni:index:User", name, args ?? new UserArgs(), MakeResourceOptions(options, ""))
        {
        }

        private User(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("omni:index:User", name, null, MakeResourceOptions(options, id))
        {
        }

        private static CustomResourceOptions MakeResourceOptions(CustomResourceOptions? options, Input<string>? id)
        {
            var defaultOptions = new CustomResourceOptions
            {
                Version = Utilities.Version,
            };
            var merged = CustomResourceOptions.Merge(defaultOptions, options);
            // Override the ID if one was specified for consistency with other language SDKs.
            merged.Id = id ?? merged.Id;
            return merged;
        }
        /// <summary>
        /// Get an existing User resource's state with the given name, ID, and optional extra
        /// properties used to qualify the lookup.
        /// </summary>
        ///
        /// <param name="name">The unique name of the resulting resource.</param>
        /// <param name="id">The unique provider ID of the resource to lookup.</param>
        /// <param name="options">A bag of options that control this resource's behavior</param>
        public static User Get(string name, Input<string> id, CustomResourceOptions? options = null)
        {
            return new User(name, id, options);
        }
    }

    public sealed class UserArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>
        /// Whether the user is active. Default true.
        /// </summary>
        [Input("active")]
        public Input<bool>? Active { get; set; }

        /// <summary>
        /// When true and a user with this userName already exists, adopt it instead of failing with 409.
        /// </summary>
        [Input("adoptExisting")]
        public Input<bool>? AdoptExisting { get; set; }

        [Input("attributes")]
        private InputMap<object>? _attributes;

        /// <summary>
        /// User attribute reference names to values (string, number, bool or list), as Omni stores them.
        /// </summary>
        public InputMap<object> Attributes
        {
            get => _attributes ?? (_attributes = new InputMap<object>());
            set => _attributes = value;
        }

        /// <summary>
        /// What destroying the resource does in Omni: delete (remove the user) or deactivate (set active=false).
        /// </summary>
        [Input("deletionMode")]
        public Input<string>? DeletionMode { get; set; }

        /// <summary>
        /// The name shown in Omni.
        /// </summary>
        [Input("displayName", required: true)]
        public Input<string> DisplayName { get; set; } = null!;

        /// <summary>
        /// The user's email; compared case-insensitively. Changing it replaces the user.
        /// </summary>
        [Input("userName", required: true)]
        public Input<string> UserName { get; set; } = null!;

        public UserArgs()
        {
            Active = true;
            AdoptExisting = false;
            DeletionMode = "delete";
        }
        public static new UserArgs Empty => new UserArgs();
    }
}
