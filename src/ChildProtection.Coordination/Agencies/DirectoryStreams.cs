using System.Security.Cryptography;
using System.Text;

namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// Stream ids of the directory. The event store identifies streams by Guid, while agencies are known
/// by their slug (the JWT <c>agency</c> claim), so an agency's stream id is a name-based UUID (RFC 9562
/// version 5) of its slug: stable, computable anywhere, and a second registration of the same slug
/// collides on the stream id.
/// </summary>
public static class DirectoryStreams
{
    private static readonly Guid Namespace = new("5b0f3c1e-8d2a-4c7e-9a51-6f3d2b7e0c44");

    /// <summary>The single stream holding every commune's history.</summary>
    public static readonly Guid Jurisdictions = NameBased("jurisdictions");

    public static Guid Agency(string agencyId) => NameBased("agency:" + agencyId);

    private static Guid NameBased(string name)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var hash = SHA1.HashData([.. ns, .. Encoding.UTF8.GetBytes(name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
