using LLama.Native;

namespace OmniBot.Engine.Text;

/// <summary>Gives the raw bytes of a token's text piece; control tokens give none.</summary>
internal sealed class TokenDetokenizer
{
    private readonly SafeLlamaModelHandle _model;
    private byte[] _buffer = new byte[64];

    public TokenDetokenizer(SafeLlamaModelHandle model) => _model = model;

    /// <param name="special">Write a control token as its text (such as <c>&lt;tool_call&gt;</c>) instead of nothing.</param>
    public ReadOnlySpan<byte> GetBytes(LLamaToken token, bool special = false)
    {
        var length = (int)_model.TokenToSpan(token, _buffer, 0, special);
        if (length > _buffer.Length)
        {
            _buffer = new byte[length];
            length = (int)_model.TokenToSpan(token, _buffer, 0, special);
        }

        return _buffer.AsSpan(0, length);
    }
}
