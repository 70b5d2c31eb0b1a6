// POST /api/orders/{id}/lines/{lineId}/wait — keep a backordered line until stock arrives (it is
// then no longer cancelled automatically).
import { type LineParams, answerLine } from '../answer';

export function POST(_request: Request, context: LineParams) {
  return answerLine(context, 'wait');
}
