"""Understanding a conversation: sentiment, objections and buying signals, stage, metrics.

`Understander` (understander.py) reads one turn; `ConversationAssembler` (conversation.py)
turns what the listening pipeline heard into the contract's conversation events.
"""
