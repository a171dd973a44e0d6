// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {QuestionStatus, QuestionView} from "../../interfaces/ISlowOracle.sol";

/// @notice A question's hot state, packed into one storage word.
/// @dev Bit layout (bit 0 is the least significant):
/// [0, 128)    valueWad     the latest answer, or the arbiter's once it answered
/// [128, 168)  answeredAt   when the latest answer was posted (uint40 seconds)
/// [168, 208)  escalatedAt  when the question escalated, 0 if it did not (uint40 seconds)
/// [208, 216)  round        0 for the proposal, r for the r-th dispute
/// [216, 224)  status       QuestionStatus
/// [224, 232)  arbitrated   1 once the arbiter answered, else 0
/// [232, 256)  zero
/// An empty word is a question nobody proposed (status None).
type QuestionSlot is uint256;

using QuestionSlotLib for QuestionSlot global;

/// @title QuestionSlotLib
/// @notice Getters and setters of `QuestionSlot`. Setters take already-validated fields: each must fit its width.
library QuestionSlotLib {
    uint256 private constant MASK_8 = 0xff;
    uint256 private constant MASK_40 = 0xffffffffff;
    uint256 private constant MASK_128 = 0xffffffffffffffffffffffffffffffff;

    uint256 private constant ANSWERED_AT_OFFSET = 128;
    uint256 private constant ESCALATED_AT_OFFSET = 168;
    uint256 private constant ROUND_OFFSET = 208;
    uint256 private constant STATUS_OFFSET = 216;
    uint256 private constant ARBITRATED_OFFSET = 224;

    /*//////////////////////////////////////////////////////////////
                                GETTERS
    //////////////////////////////////////////////////////////////*/

    function valueWad(QuestionSlot s) internal pure returns (uint256) {
        return QuestionSlot.unwrap(s) & MASK_128;
    }

    function answeredAt(QuestionSlot s) internal pure returns (uint256) {
        return (QuestionSlot.unwrap(s) >> ANSWERED_AT_OFFSET) & MASK_40;
    }

    function escalatedAt(QuestionSlot s) internal pure returns (uint256) {
        return (QuestionSlot.unwrap(s) >> ESCALATED_AT_OFFSET) & MASK_40;
    }

    function round(QuestionSlot s) internal pure returns (uint256) {
        return (QuestionSlot.unwrap(s) >> ROUND_OFFSET) & MASK_8;
    }

    function status(QuestionSlot s) internal pure returns (QuestionStatus) {
        return QuestionStatus((QuestionSlot.unwrap(s) >> STATUS_OFFSET) & MASK_8);
    }

    function arbitrated(QuestionSlot s) internal pure returns (bool) {
        return (QuestionSlot.unwrap(s) >> ARBITRATED_OFFSET) & MASK_8 != 0;
    }

    /*//////////////////////////////////////////////////////////////
                                SETTERS
    //////////////////////////////////////////////////////////////*/

    /// @notice A fresh answer (a proposal or a dispute): arbitrated is 0.
    function pack(uint256 valueWad_, uint256 answeredAt_, uint256 escalatedAt_, uint256 round_, QuestionStatus status_)
        internal
        pure
        returns (QuestionSlot)
    {
        return QuestionSlot.wrap(
            valueWad_ | answeredAt_ << ANSWERED_AT_OFFSET | escalatedAt_ << ESCALATED_AT_OFFSET | round_ << ROUND_OFFSET
                | uint256(status_) << STATUS_OFFSET
        );
    }

    /// @notice The arbiter's answer replaces the value and sets the arbitrated flag.
    function setArbitrated(QuestionSlot s, uint256 valueWad_) internal pure returns (QuestionSlot) {
        return QuestionSlot.wrap((QuestionSlot.unwrap(s) & ~MASK_128) | valueWad_ | uint256(1) << ARBITRATED_OFFSET);
    }

    function setStatus(QuestionSlot s, QuestionStatus status_) internal pure returns (QuestionSlot) {
        return
            QuestionSlot.wrap((QuestionSlot.unwrap(s) & ~(MASK_8 << STATUS_OFFSET)) | uint256(status_) << STATUS_OFFSET);
    }

    /// @notice The word, unpacked for `ISlowOracle.question`.
    function toView(QuestionSlot s) internal pure returns (QuestionView memory v) {
        // Each cast keeps exactly the bits its field occupies in the layout above.
        v.status = s.status();
        // forge-lint: disable-next-line(unsafe-typecast)
        v.round = uint8(s.round());
        // forge-lint: disable-next-line(unsafe-typecast)
        v.valueWad = uint128(s.valueWad());
        // forge-lint: disable-next-line(unsafe-typecast)
        v.answeredAt = uint40(s.answeredAt());
        // forge-lint: disable-next-line(unsafe-typecast)
        v.escalatedAt = uint40(s.escalatedAt());
        v.arbitrated = s.arbitrated();
    }
}
