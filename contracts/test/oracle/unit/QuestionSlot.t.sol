// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {QuestionStatus, QuestionView} from "../../../src/interfaces/ISlowOracle.sol";
import {QuestionSlot, QuestionSlotLib} from "../../../src/oracle/types/QuestionSlot.sol";
import {Test} from "forge-std/Test.sol";

contract QuestionSlotTest is Test {
    function _status(uint8 seed) private pure returns (QuestionStatus) {
        return QuestionStatus(seed % 4);
    }

    function testPackRoundTrip(uint128 valueWad, uint40 answeredAt, uint40 escalatedAt, uint8 round, uint8 statusSeed)
        public
        pure
    {
        QuestionStatus status = _status(statusSeed);
        QuestionSlot s = QuestionSlotLib.pack(valueWad, answeredAt, escalatedAt, round, status);
        assertEq(s.valueWad(), valueWad, "valueWad");
        assertEq(s.answeredAt(), answeredAt, "answeredAt");
        assertEq(s.escalatedAt(), escalatedAt, "escalatedAt");
        assertEq(s.round(), round, "round");
        assertEq(uint8(s.status()), uint8(status), "status");
        assertFalse(s.arbitrated(), "arbitrated");
        assertEq(QuestionSlot.unwrap(s) >> 232, 0, "high bits");

        QuestionView memory v = s.toView();
        assertEq(v.valueWad, valueWad);
        assertEq(v.answeredAt, answeredAt);
        assertEq(v.escalatedAt, escalatedAt);
        assertEq(v.round, round);
        assertEq(uint8(v.status), uint8(status));
        assertFalse(v.arbitrated);
    }

    function testEmptyWordIsNone() public pure {
        assertEq(uint8(QuestionSlot.wrap(0).status()), uint8(QuestionStatus.None));
    }

    function testSetArbitratedKeepsOtherFields(
        uint128 valueWad,
        uint40 answeredAt,
        uint40 escalatedAt,
        uint8 round,
        uint128 arbiterWad
    ) public pure {
        QuestionSlot s = QuestionSlotLib.pack(valueWad, answeredAt, escalatedAt, round, QuestionStatus.Escalated);
        QuestionSlot a = s.setArbitrated(arbiterWad);
        assertEq(a.valueWad(), arbiterWad, "valueWad");
        assertTrue(a.arbitrated(), "arbitrated");
        assertEq(a.answeredAt(), answeredAt, "answeredAt");
        assertEq(a.escalatedAt(), escalatedAt, "escalatedAt");
        assertEq(a.round(), round, "round");
        assertEq(uint8(a.status()), uint8(QuestionStatus.Escalated), "status");
    }

    function testSetStatusKeepsOtherFields(
        uint128 valueWad,
        uint40 answeredAt,
        uint40 escalatedAt,
        uint8 round,
        uint8 from,
        uint8 to,
        bool arbitrated
    ) public pure {
        QuestionSlot s = QuestionSlotLib.pack(valueWad, answeredAt, escalatedAt, round, _status(from));
        if (arbitrated) s = s.setArbitrated(valueWad);
        QuestionSlot t = s.setStatus(_status(to));
        assertEq(uint8(t.status()), uint8(_status(to)), "status");
        assertEq(t.valueWad(), valueWad, "valueWad");
        assertEq(t.answeredAt(), answeredAt, "answeredAt");
        assertEq(t.escalatedAt(), escalatedAt, "escalatedAt");
        assertEq(t.round(), round, "round");
        assertEq(t.arbitrated(), arbitrated, "arbitrated");
    }
}
